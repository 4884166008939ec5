package dev.cellmonitor.cutover.gateway.routing;

/** The two services behind the gateway; {@link #label()} is what {@code X-Served-By} and metrics say. */
public enum Backend {
    LEGACY("legacy"), NEW("new");

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
