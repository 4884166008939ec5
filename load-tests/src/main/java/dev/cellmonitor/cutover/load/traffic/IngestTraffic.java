package dev.cellmonitor.cutover.load.traffic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

import dev.cellmonitor.cutover.load.phases.RunClock;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Event batches of the run's ingest students, each one student's "run all" of {@code batchSize} cells: arriving at
 * a given rate (open model, {@link #batches}), or posted back to back by a fixed number of users (closed model,
 * {@link #backToBack}).
 */
public final class IngestTraffic {

    /** The legacy refuses larger batches with 413. */
    public static final int MAX_BATCH_SIZE = 200;

    private static final String ROUTE = "POST /api/v1/events";

    private final Measured measured;
    private final RunClock clock;
    private final List<Student> students = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder acknowledged = new LongAdder();

    public IngestTraffic(Measured measured, RunClock clock, String runTag, int studentCount) {
        if (studentCount < 1) {
            throw new IllegalArgumentException("ingestStudents: at least one student, not " + studentCount);
        }
        this.measured = measured;
        this.clock = clock;
        Student.Behaviour runAll = new Student.Behaviour(0.02, 3, 0, 4, 0, 1, 40, 4);
        for (int i = 0; i < studentCount; i++) {
            students.add(new Student(runTag + "-ingest", i, runAll));
        }
    }

    public static void checkBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be 1.." + MAX_BATCH_SIZE
                    + " (the legacy refuses larger batches with 413), not " + batchSize);
        }
    }

    /** Email prefix shared by every student of this suite (to count what was persisted). */
    public static String emailPrefix(String runTag) {
        return "student-" + runTag + "-ingest-";
    }

    public int active() {
        return active.get();
    }

    /** Events of the POSTs answered with their expected status (202): stored, for the new backend. */
    public long acknowledgedEvents() {
        return acknowledged.sum();
    }

    /** Open model: each arrival renders one student's batch and posts it once. */
    public ScenarioBuilder batches(int batchSize) {
        checkBatchSize(batchSize);
        return scenario("event batches")
                .exec(session -> {
                    clock.start();
                    active.incrementAndGet();
                    Student s = students.get(ThreadLocalRandom.current().nextInt(students.size()));
                    return session.set("batch", s.runAll(batchSize, ThreadLocalRandom.current()))
                            .set("events", batchSize).set("phase", clock.currentPhase());
                })
                .group("#{phase}").on(measured.http(ROUTE, http -> http.post("/api/v1/events")
                        .body(StringBody(session -> session.getString("batch")))).exec(acknowledge()))
                .exec(exec(session -> {
                    active.decrementAndGet();
                    return session;
                }));
    }

    /** The batches of these sizes, rendered once from the run's students for {@link #backToBack}. */
    public IngestBodies render(Collection<Integer> batchSizes) {
        return IngestBodies.render(students, batchSizes, ThreadLocalRandom.current());
    }

    /**
     * Closed model: every user posts, back to back until the run's last phase ends, the next pre-rendered body of
     * the size its current phase posts ({@code batchSizeOf} maps a phase name to it), on its own keep-alive
     * connection. Each POST is grouped under the phase it was sent in.
     */
    public ScenarioBuilder backToBack(IngestBodies bodies, ToIntFunction<String> batchSizeOf) {
        return scenario("event batches back to back")
                .exec(session -> {
                    clock.start();
                    active.incrementAndGet();
                    return session;
                })
                .exec(asLongAs(session -> clock.running()).on(
                        exec(session -> {
                            String phase = clock.currentPhase();
                            int size = batchSizeOf.applyAsInt(phase);
                            return session.set("phase", phase).set("events", size).set("body", bodies.next(size));
                        })
                                .group("#{phase}").on(measured.http(ROUTE, http -> http.post("/api/v1/events")
                                        .body(ByteArrayBody(session -> session.get("body")))).exec(acknowledge()))))
                .exec(session -> {
                    active.decrementAndGet();
                    return session;
                });
    }

    /**
     * Counts the events of the POST just measured when it was answered as expected; inside the phase's group, where
     * the session still carries the request's verdict.
     */
    private ChainBuilder acknowledge() {
        return exec((Session session) -> {
            if (!session.isFailed()) {
                acknowledged.add(session.getInt("events"));
            }
            return session;
        });
    }
}
