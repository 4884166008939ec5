package dev.cellmonitor.cutover.load.gates;

/**
 * One judged condition of a run.
 *
 * @param name   what was judged, e.g. {@code plateau-350: group lms}
 * @param passed the verdict
 * @param detail the figures behind it and, when failed, which limit was crossed
 */
public record Gate(String name, boolean passed, String detail) {

    public static Gate pass(String name, String detail) {
        return new Gate(name, true, detail);
    }

    public static Gate fail(String name, String detail) {
        return new Gate(name, false, detail);
    }

    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + ": " + detail;
    }
}
