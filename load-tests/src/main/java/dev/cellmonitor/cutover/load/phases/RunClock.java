package dev.cellmonitor.cutover.load.phases;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's time line: starts when the first virtual user runs (injection starts with it) and maps any
 * moment to a phase of the plan.
 */
public final class RunClock {

    private final PhasePlan plan;
    private final AtomicLong startMillis = new AtomicLong();

    public RunClock(PhasePlan plan) {
        this.plan = plan;
    }

    public PhasePlan plan() {
        return plan;
    }

    /** Idempotent; every scenario calls it first. */
    public void start() {
        startMillis.compareAndSet(0, System.currentTimeMillis());
    }

    public boolean started() {
        return startMillis.get() != 0;
    }

    public long startMillis() {
        return startMillis.get();
    }

    public long offset(long epochMillis) {
        return epochMillis - startMillis.get();
    }

    public String phaseAt(long epochMillis) {
        return plan.phaseAt(offset(epochMillis));
    }

    public String currentPhase() {
        return phaseAt(System.currentTimeMillis());
    }

    public long endMillis() {
        return startMillis.get() + plan.length().toMillis();
    }

    /** True until the profile's last phase has ended: users loop while this holds. */
    public boolean running() {
        return !started() || System.currentTimeMillis() < endMillis();
    }

    public long phaseStartMillis(Phase phase) {
        return startMillis.get() + plan.startOf(phase).toMillis();
    }
}
