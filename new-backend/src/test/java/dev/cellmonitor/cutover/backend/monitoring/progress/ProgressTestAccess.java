package dev.cellmonitor.cutover.backend.monitoring.progress;

/** Lets tests outside the package start the realtime progress from nothing. */
public final class ProgressTestAccess {

    private ProgressTestAccess() {
    }

    public static void clear(RealtimeProgress progress) {
        progress.clear();
    }
}
