package dev.cellmonitor.cutover.load.gates;

import java.util.Locale;

import dev.cellmonitor.cutover.load.measure.HoldFigures;

/** Verdicts on what an ingestion run stored, from the rows counted in PostgreSQL. */
public final class IngestGates {

    public static final String NO_LOSS = "no loss: rows persisted == events acknowledged";

    private IngestGates() {
    }

    /**
     * Every event answered 202 is a row, and no row was stored without its 202 (a 202 means stored).
     *
     * @param rows         the run's rows in cell_executions, null when they could not be counted
     * @param notCountedWhy why not, when {@code rows} is null
     */
    public static Gate noLoss(long acknowledged, Long rows, String notCountedWhy) {
        if (rows == null) {
            return Gate.fail(NO_LOSS, "rows not counted: " + notCountedWhy);
        }
        String detail = String.format(Locale.ROOT, "%d rows of the run's students in cell_executions, %d events acknowledged"
                + " (202)", rows, acknowledged);
        if (rows == acknowledged) {
            return Gate.pass(NO_LOSS, detail);
        }
        return Gate.fail(NO_LOSS, detail + (rows < acknowledged
                ? String.format(Locale.ROOT, " -- %d acknowledged events were not stored (lost)", acknowledged - rows)
                : String.format(Locale.ROOT, " -- %d rows stored without a 202 (requests that timed out or failed"
                        + " after storing)", rows - acknowledged)));
    }

    /** The hold stored at least {@code limit} events per second. */
    public static Gate eventsPerSecond(HoldFigures hold, double limit) {
        String name = hold.phase() + ": events persisted per second";
        if (!hold.persistedCounted()) {
            return Gate.fail(name, String.format(Locale.ROOT, "rows not counted (limit %.0f events/s)", limit));
        }
        String detail = String.format(Locale.ROOT, "%.0f events/s persisted with batches of %d, limit %.0f",
                hold.persistedPerSecond(), hold.batchSize(), limit);
        return hold.persistedPerSecond() >= limit ? Gate.pass(name, detail) : Gate.fail(name, detail);
    }
}
