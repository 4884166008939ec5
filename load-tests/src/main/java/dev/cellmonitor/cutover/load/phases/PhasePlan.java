package dev.cellmonitor.cutover.load.phases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * A suite's load profile as consecutive phases. The same plan drives Gatling's injection and tells, for any
 * moment of the run, which phase a request belongs to, so the gates can judge each plateau on its own.
 *
 * @param model "closed" (phases count concurrent users) or "open" (phases count arrivals per second)
 * @param unit  what the levels count, for the summary ("users", "batches/s")
 */
public record PhasePlan(String model, String unit, List<Phase> phases) {

    public static final String CLOSED = "closed";
    public static final String OPEN = "open";
    /** Requests started after the last phase ended (users finishing their last iteration). */
    public static final String AFTER = "after";

    public PhasePlan {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a load profile needs at least one phase");
        }
    }

    public Duration length() {
        return phases.stream().map(Phase::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** Offset of the phase's start from the start of the run. */
    public Duration startOf(Phase phase) {
        Duration at = Duration.ZERO;
        for (Phase p : phases) {
            if (p.equals(phase)) {
                return at;
            }
            at = at.plus(p.length());
        }
        throw new IllegalArgumentException("not in this plan: " + phase);
    }

    public String phaseAt(long offsetMillis) {
        long end = 0;
        for (Phase p : phases) {
            end += p.length().toMillis();
            if (offsetMillis < end) {
                return p.name();
            }
        }
        return AFTER;
    }

    public Optional<Phase> byName(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The judged phase with the most load: where the memory of the servers is sampled. */
    public Optional<Phase> topPlateau() {
        Phase top = null;
        for (Phase p : phases) {
            if (p.judged() && (top == null || p.to() >= top.to())) {
                top = p;
            }
        }
        return Optional.ofNullable(top);
    }

    /** Closed-model injection for a population that gets {@code share} of every level (at least one user). */
    public List<ClosedInjectionStep> closedSteps(DoubleUnaryOperator share) {
        List<ClosedInjectionStep> steps = new ArrayList<>();
        for (Phase p : phases) {
            int from = (int) Math.round(share.applyAsDouble(p.from()));
            int to = (int) Math.round(share.applyAsDouble(p.to()));
            steps.add(from == to
                    ? constantConcurrentUsers(to).during(p.length())
                    : rampConcurrentUsers(from).to(to).during(p.length()));
        }
        return steps;
    }

    public List<OpenInjectionStep> openSteps() {
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (Phase p : phases) {
            steps.add(p.isRamp()
                    ? rampUsersPerSec(p.from()).to(p.to()).during(p.length())
                    : constantUsersPerSec(p.to()).during(p.length()));
        }
        return steps;
    }
}
