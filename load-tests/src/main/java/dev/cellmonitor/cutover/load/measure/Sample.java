package dev.cellmonitor.cutover.load.measure;

/**
 * One measured request (or WebSocket exchange) of a run.
 *
 * @param start   epoch millis when it was sent
 * @param phase   the phase it was sent in
 * @param route   the legacy route key, e.g. {@code POST /api/v1/events}
 * @param group   the route's cutover group (core, lms, admin, monitoring)
 * @param backend the gateway's {@code X-Served-By} value; {@link #UNLABELLED} when the answer had none
 *                (a backend called directly, a WebSocket, no answer at all)
 * @param status  HTTP status, 0 when nothing came back
 * @param millis  response time
 * @param ok      Gatling's verdict (status and checks)
 */
public record Sample(long start, String phase, String route, String group, String backend, int status, int millis,
                     boolean ok) {

    public static final String UNLABELLED = "-";

    static final String HEADER = "start\tphase\tgroup\tbackend\tstatus\tok\tmillis\troute";

    String line() {
        return start + "\t" + phase + "\t" + group + "\t" + backend + "\t" + status + "\t" + (ok ? "OK" : "KO") + "\t"
                + millis + "\t" + route;
    }

    static Sample parse(String line) {
        String[] f = line.split("\t", 8);
        if (f.length != 8) {
            throw new IllegalArgumentException("not a request line: " + line);
        }
        return new Sample(Long.parseLong(f[0]), f[1], f[7], f[2], f[3], Integer.parseInt(f[4]),
                Integer.parseInt(f[6]), "OK".equals(f[5]));
    }
}
