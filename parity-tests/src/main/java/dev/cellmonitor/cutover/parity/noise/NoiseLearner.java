package dev.cellmonitor.cutover.parity.noise;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cellmonitor.cutover.parity.compare.Difference;

/**
 * Diffy's noise cancellation. The same request goes to the legacy (primary), a second legacy (secondary) and the
 * candidate; per route and field it counts how often primary and secondary differ ("noise": the legacy differs
 * from itself) and how often primary and candidate differ ("raw"). A field is a real difference only when
 * {@code raw > noise} and both thresholds are passed:
 * <ul>
 *   <li>relative: {@code |raw - noise| / (raw + noise) * 100 > relativeThreshold} (default 20%);</li>
 *   <li>absolute: {@code |raw - noise| / requests of the route * 100 > absoluteThreshold} (default 0.03%).</li>
 * </ul>
 * Fields that differ without passing are noise; those the legacy differs on itself are offered as rules.
 */
public final class NoiseLearner {

    public static final double DEFAULT_RELATIVE = 20.0;
    public static final double DEFAULT_ABSOLUTE = 0.03;

    private final double relativeThreshold;
    private final double absoluteThreshold;
    private final Map<String, RouteCounts> routes = new LinkedHashMap<>();

    public NoiseLearner(double relativeThreshold, double absoluteThreshold) {
        this.relativeThreshold = relativeThreshold;
        this.absoluteThreshold = absoluteThreshold;
    }

    public NoiseLearner() {
        this(DEFAULT_RELATIVE, DEFAULT_ABSOLUTE);
    }

    private static final class RouteCounts {
        int total;
        final Map<String, int[]> fields = new LinkedHashMap<>();
    }

    /** The counts and verdict for one field of one route. */
    public record Field(String route, String field, int raw, int noise, int total, double relative, double absolute,
                        boolean real) {
    }

    /** One request of {@code route}: the differences candidate-vs-legacy and legacy-vs-legacy. */
    public void observe(String route, Collection<Difference> raw, Collection<Difference> noise) {
        RouteCounts counts = routes.computeIfAbsent(route, r -> new RouteCounts());
        counts.total++;
        for (String f : fields(raw)) {
            counts.fields.computeIfAbsent(f, x -> new int[2])[0]++;
        }
        for (String f : fields(noise)) {
            counts.fields.computeIfAbsent(f, x -> new int[2])[1]++;
        }
    }

    private static Set<String> fields(Collection<Difference> diffs) {
        Set<String> out = new LinkedHashSet<>();
        diffs.forEach(d -> out.add(d.field()));
        return out;
    }

    public List<Field> fields() {
        List<Field> out = new ArrayList<>();
        routes.forEach((route, counts) -> counts.fields.forEach((field, c) ->
                out.add(judge(route, field, c[0], c[1], counts.total))));
        return out;
    }

    public Field field(String route, String field) {
        RouteCounts counts = routes.get(route);
        int[] c = counts == null ? null : counts.fields.get(field);
        if (c == null) {
            return judge(route, field, 0, 0, counts == null ? 0 : counts.total);
        }
        return judge(route, field, c[0], c[1], counts.total);
    }

    /** Whether a difference of {@code route} at {@code field} is real (not noise). */
    public boolean isReal(String route, Difference d) {
        return field(route, d.field()).real();
    }

    Field judge(String route, String field, int raw, int noise, int total) {
        double diff = Math.abs(raw - noise);
        double relative = raw + noise == 0 ? 0 : diff / (raw + noise) * 100;
        double absolute = total == 0 ? 0 : diff / total * 100;
        boolean real = raw > noise && relative > relativeThreshold && absolute > absoluteThreshold;
        return new Field(route, field, raw, noise, total, relative, absolute, real);
    }

    /** Fields on which the legacy differs from itself: candidates for {@code ignore_value} rules. */
    public List<Field> noiseFields() {
        return fields().stream().filter(f -> f.noise() > 0 && !f.real()).toList();
    }
}
