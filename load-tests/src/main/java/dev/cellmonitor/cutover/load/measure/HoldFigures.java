package dev.cellmonitor.cutover.load.measure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ingestion throughput benchmark's figures for one measured hold (one batch size).
 *
 * @param phase           the hold's name
 * @param batchSize       events per POST
 * @param seconds         the hold's length
 * @param post            the POSTs sent during the hold: count, p50/p99, failed (not 202, or no answer)
 * @param persistedEvents rows stored during the hold (by their insert time), -1 when they could not be counted
 */
public record HoldFigures(String phase, int batchSize, double seconds, Figures post, long persistedEvents) {

    public static HoldFigures of(String phase, int batchSize, double seconds, List<Sample> samples, long persisted) {
        List<Sample> inHold = samples.stream().filter(s -> s.phase().equals(phase)).toList();
        return new HoldFigures(phase, batchSize, seconds, Figures.of(inHold, seconds), persisted);
    }

    /** Events of the hold's POSTs answered 202. */
    public long acknowledgedEvents() {
        return (long) (post.count() - post.failed()) * batchSize;
    }

    public double acknowledgedPerSecond() {
        return seconds > 0 ? acknowledgedEvents() / seconds : 0;
    }

    public boolean persistedCounted() {
        return persistedEvents >= 0;
    }

    /** Rows stored per second during the hold; 0 when they were not counted. */
    public double persistedPerSecond() {
        return persistedCounted() && seconds > 0 ? persistedEvents / seconds : 0;
    }

    /** One line for the summary. */
    public String describe(Map<String, Double> cpu) {
        return String.format(Locale.ROOT, "%s events/s persisted, %.0f events/s acknowledged (202); POST p50 %d ms,"
                        + " p99 %d ms; %d POSTs, %d not 202; CPU in cores: %s",
                persistedCounted() ? String.format(Locale.ROOT, "%.0f", persistedPerSecond()) : "(not counted)",
                acknowledgedPerSecond(), post.p50(), post.p99(), post.count(), post.failed(), CpuMeter.describe(cpu));
    }

    /** The figures of every hold as a console table, CPU last. */
    public static String table(List<HoldFigures> holds, Map<String, Map<String, Double>> cpu) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-6s %8s %14s %14s %7s %7s %8s  %s%n",
                "batch", "POSTs", "persisted/s", "acked/s", "p50 ms", "p99 ms", "non-202", "CPU (cores)"));
        for (HoldFigures h : holds) {
            out.append(String.format(Locale.ROOT, "%-6d %8d %14s %14.0f %7d %7d %8d  %s%n", h.batchSize(),
                    h.post().count(), h.persistedCounted() ? String.format(Locale.ROOT, "%.0f", h.persistedPerSecond())
                            : "-", h.acknowledgedPerSecond(), h.post().p50(), h.post().p99(), h.post().failed(),
                    CpuMeter.describe(cpu.get(h.phase()))));
        }
        return out.toString();
    }
}
