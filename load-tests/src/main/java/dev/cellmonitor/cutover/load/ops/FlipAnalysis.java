package dev.cellmonitor.cutover.load.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.cellmonitor.cutover.load.gates.Gate;
import dev.cellmonitor.cutover.load.measure.Sample;

/**
 * What each flip did to the traffic: how soon the served-by header showed the new stage for requests sent
 * after the flip, and whether any request failed around it.
 */
public final class FlipAnalysis {

    public static final String NEW = "new";
    public static final String LEGACY = "legacy";

    /**
     * @param flip            the flip and the ops API's answer
     * @param affected        requests of the flipped group/route sent between this flip and the next
     * @param firstNewMillis  from the flip to the first of them served by the new backend (null: none)
     * @param settledMillis   for NEW/LEGACY: from the flip to the last request still served by the other side
     *                        (0 when none was); null for other stages
     * @param newShare        share of them served by new, counting those sent after the propagation bound
     *                        (null when none was)
     * @param failedAround    failed requests of any route within the window around the flip
     */
    public record Outcome(Flipper.Done flip, int affected, Long firstNewMillis, Long settledMillis, Double newShare,
                          int failedAround) {
    }

    private FlipAnalysis() {
    }

    /**
     * @param routeKey the flipped route's key when a route (not a group) was flipped
     * @param endMillis when the traffic ended (bounds the last flip's window)
     */
    public static List<Outcome> analyse(List<Flipper.Done> flips, List<Sample> samples, FlipPlan plan, String routeKey,
                                        long endMillis) {
        Predicate<Sample> target = plan.group() != null ? s -> s.group().equals(plan.group())
                : s -> s.route().equals(routeKey);
        List<Sample> ordered = samples.stream().sorted(Comparator.comparingLong(Sample::start)).toList();
        List<Outcome> outcomes = new ArrayList<>();
        long window = plan.window().toMillis();
        long bound = plan.maxPropagation().toMillis();
        for (int i = 0; i < flips.size(); i++) {
            Flipper.Done done = flips.get(i);
            long from = done.at();
            long to = i + 1 < flips.size() ? flips.get(i + 1).at() : endMillis;
            List<Sample> affected = ordered.stream()
                    .filter(s -> s.start() >= from && s.start() < to && target.test(s)).toList();
            Long firstNew = affected.stream().filter(s -> NEW.equals(s.backend())).findFirst()
                    .map(s -> s.start() - from).orElse(null);
            String stage = done.flip().stage();
            Long settled = null;
            if (stage.equals("NEW") || stage.equals("LEGACY")) {
                String other = stage.equals("NEW") ? LEGACY : NEW;
                settled = affected.stream().filter(s -> other.equals(s.backend()))
                        .mapToLong(s -> s.start() - from).max().orElse(0);
            }
            List<Sample> afterBound = affected.stream().filter(s -> s.start() >= from + bound)
                    .filter(s -> !Sample.UNLABELLED.equals(s.backend())).toList();
            Double share = afterBound.isEmpty() ? null
                    : (double) afterBound.stream().filter(s -> NEW.equals(s.backend())).count() / afterBound.size();
            int failed = (int) samples.stream()
                    .filter(s -> !s.ok() && s.start() >= from - window && s.start() <= from + window).count();
            outcomes.add(new Outcome(done, affected.size(), firstNew, settled, share, failed));
        }
        return outcomes;
    }

    public static List<Gate> gates(List<Outcome> outcomes, FlipPlan plan) {
        List<Gate> gates = new ArrayList<>();
        if (plan.isEmpty()) {
            return gates;
        }
        if (outcomes.size() < plan.steps().size()) {
            gates.add(Gate.fail("flips: all made", outcomes.size() + " of " + plan.steps().size()
                    + " planned flips were made (is the top plateau long enough for delay + steps x hold?)"));
        }
        int i = 0;
        for (Outcome o : outcomes) {
            i++;
            String name = "flip " + i + " (" + o.flip().flip() + ")";
            String answer = "ops API answered " + shorten(o.flip().answer());
            gates.add(o.flip().accepted() ? Gate.pass(name + ": accepted", answer) : Gate.fail(name + ": accepted", answer));
            gates.add(o.failedAround() == 0
                    ? Gate.pass(name + ": no failure around it", "0 failed requests within +/-"
                            + plan.window().toSeconds() + " s")
                    : Gate.fail(name + ": no failure around it", o.failedAround() + " failed requests within +/-"
                            + plan.window().toSeconds() + " s"));
            if (o.settledMillis() != null && o.flip().accepted()) {
                String side = o.flip().flip().stage().equals("NEW") ? NEW : LEGACY;
                boolean seen = o.affected() > 0;
                boolean inTime = o.settledMillis() <= plan.maxPropagation().toMillis();
                String detail = String.format(Locale.ROOT, "%d requests after the flip; every one sent %d ms or more"
                        + " after it was served by %s (limit %d ms)", o.affected(), o.settledMillis(), side,
                        plan.maxPropagation().toMillis());
                gates.add(seen && inTime ? Gate.pass(name + ": served by " + side, detail)
                        : Gate.fail(name + ": served by " + side, seen ? detail : "no request of the flipped "
                                + (plan.group() != null ? "group" : "route") + " was sent after the flip"));
            }
        }
        return gates;
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
