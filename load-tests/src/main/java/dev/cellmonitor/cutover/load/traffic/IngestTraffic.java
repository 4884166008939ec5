package dev.cellmonitor.cutover.load.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cellmonitor.cutover.load.phases.RunClock;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Event batches arriving at a given rate (open model): each arrival is one student's "run all" of
 * {@code batchSize} cells, from a pool of students of the run.
 */
public final class IngestTraffic {

    private final Measured measured;
    private final RunClock clock;
    private final List<Student> students = new ArrayList<>();
    private final int batchSize;
    private final AtomicInteger active = new AtomicInteger();

    public IngestTraffic(Measured measured, RunClock clock, String runTag, int studentCount, int batchSize) {
        if (batchSize < 1 || batchSize > 200) {
            throw new IllegalArgumentException("batchSize must be 1..200 (the legacy refuses larger batches with 413)");
        }
        this.measured = measured;
        this.clock = clock;
        this.batchSize = batchSize;
        Student.Behaviour runAll = new Student.Behaviour(0.02, 3, 0, 4, 0, 1, 40, 4);
        for (int i = 0; i < studentCount; i++) {
            students.add(new Student(runTag + "-ingest", i, runAll));
        }
    }

    /** Email prefix shared by every student of this suite (to count what was persisted). */
    public static String emailPrefix(String runTag) {
        return "student-" + runTag + "-ingest-";
    }

    public int active() {
        return active.get();
    }

    public ScenarioBuilder batches() {
        return scenario("event batches")
                .exec(session -> {
                    clock.start();
                    active.incrementAndGet();
                    Student s = students.get(ThreadLocalRandom.current().nextInt(students.size()));
                    return session.set("batch", s.runAll(batchSize, ThreadLocalRandom.current()))
                            .set("phase", clock.currentPhase());
                })
                .group("#{phase}").on(measured.http("POST /api/v1/events", http -> http.post("/api/v1/events")
                        .body(StringBody(session -> session.getString("batch")))))
                .exec(exec(session -> {
                    active.decrementAndGet();
                    return session;
                }));
    }
}
