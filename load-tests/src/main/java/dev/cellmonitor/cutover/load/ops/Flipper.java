package dev.cellmonitor.cutover.load.ops;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.RunClock;

/**
 * Carries out a flip plan on its own thread (so the calls never block Gatling's event loop) and keeps what
 * happened for the analysis.
 */
public final class Flipper {

    /**
     * @param at     epoch millis the flip was sent
     * @param flip   what was asked
     * @param status the ops API's answer status (0: not reachable)
     * @param answer its answer, shortened
     */
    public record Done(long at, Flip flip, int status, String answer) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private final FlipPlan plan;
    private final OpsClient ops;
    private final RunClock clock;
    private final String runTag;
    private final List<Done> done = new ArrayList<>();
    private Thread thread;

    public Flipper(FlipPlan plan, OpsClient ops, RunClock clock, String runTag) {
        this.plan = plan;
        this.ops = ops;
        this.clock = clock;
        this.runTag = runTag;
    }

    public void start(Phase plateau) {
        if (plan.isEmpty()) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("flipper").start(() -> run(plateau));
    }

    private void run(Phase plateau) {
        try {
            while (!clock.started()) {
                Thread.sleep(100);
            }
            long next = clock.phaseStartMillis(plateau) + plan.delay().toMillis();
            int i = 0;
            for (FlipPlan.Step step : plan.steps()) {
                sleepUntil(next);
                if (!clock.running()) {
                    return;
                }
                i++;
                Flip flip = plan.flip(step, "load test " + runTag + ": flip " + i + "/" + plan.steps().size()
                        + " under load");
                long at = System.currentTimeMillis();
                Done result;
                try {
                    var reply = ops.flip(flip);
                    result = new Done(at, flip, reply.status(), reply.brief());
                } catch (IOException e) {
                    result = new Done(at, flip, 0, "ops API not reachable at " + ops.api().flipUrl() + ": " + e);
                }
                System.out.println("[flip] " + flip + " -> " + result.status() + " " + result.answer());
                synchronized (done) {
                    done.add(result);
                }
                next = at + plan.hold().toMillis();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    public void stop() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    public List<Done> done() {
        synchronized (done) {
            return List.copyOf(done);
        }
    }

    public FlipPlan plan() {
        return plan;
    }
}
