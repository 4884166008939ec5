package dev.cellmonitor.cutover.load.measure;

import java.util.Arrays;
import java.util.Collection;

/**
 * Response-time and error figures of a set of samples.
 *
 * @param count      requests
 * @param failed     requests Gatling judged KO
 * @param p50        median response time, ms (nearest rank)
 * @param p95        95th percentile, ms
 * @param p99        99th percentile, ms
 * @param max        slowest, ms
 * @param perSecond  requests per second over the window they were measured in
 */
public record Figures(int count, int failed, int p50, int p95, int p99, int max, double perSecond) {

    public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0);

    public static Figures of(Collection<Sample> samples, double windowSeconds) {
        if (samples.isEmpty()) {
            return NONE;
        }
        int[] times = new int[samples.size()];
        int i = 0;
        int failed = 0;
        for (Sample s : samples) {
            times[i++] = s.millis();
            if (!s.ok()) {
                failed++;
            }
        }
        Arrays.sort(times);
        double rate = windowSeconds > 0 ? samples.size() / windowSeconds : 0;
        return new Figures(times.length, failed, rank(times, 50), rank(times, 95), rank(times, 99),
                times[times.length - 1], rate);
    }

    /** Nearest-rank percentile of sorted values. */
    static int rank(int[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public double failedPercent() {
        return count == 0 ? 0 : 100.0 * failed / count;
    }
}
