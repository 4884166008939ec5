package dev.cellmonitor.cutover.load.traffic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.cellmonitor.cutover.load.JsonHttp;
import dev.cellmonitor.cutover.load.Knobs;
import dev.cellmonitor.cutover.load.phases.RunClock;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * The classroom as the legacy sees it: students posting event batches, instructors watching the dashboard
 * (login, the dashboard WebSocket kept open, overview and student activity polled), and a few users working
 * with classes, assignments and submissions. Every virtual user loops until the run's last phase ends;
 * each iteration is grouped under the phase it started in, so the Gatling report shows every phase apart.
 */
public final class ClassroomTraffic {

    public static final String DASHBOARD_WS = "WS /api/v1/dashboard/ws/dashboard";

    /**
     * @param instructorShare share of the concurrent users who are instructors (at least one)
     * @param lmsShare        share who browse classes and submit (at least one)
     * @param studentThink    pause between a student's batches, min and max
     * @param instructorPoll  pause between an instructor's dashboard polls, min and max
     * @param lmsThink        pause between LMS page views, min and max
     * @param behaviour       how students work
     */
    public record Settings(double instructorShare, double lmsShare, Duration[] studentThink, Duration[] instructorPoll,
                           Duration[] lmsThink, Student.Behaviour behaviour) {

        public static Settings from(Knobs knobs) {
            Student.Behaviour b = Student.Behaviour.CLASSROOM;
            return new Settings(knobs.decimal("instructorShare", 0.05), knobs.decimal("lmsShare", 0.05),
                    range(knobs, "studentThink", 3, 10), range(knobs, "instructorPoll", 3, 8),
                    range(knobs, "lmsThink", 4, 12),
                    new Student.Behaviour(knobs.decimal("errorStreakChance", b.errorStreakChance()),
                            knobs.integer("errorStreakLength", b.streakLength()),
                            knobs.decimal("helpChance", b.helpChance()), b.helpBatches(), b.saveChance(),
                            knobs.integer("maxCellsPerBatch", b.maxCellsPerBatch()), b.cellsPerNotebook(),
                            b.notebooks()));
        }

        private static Duration[] range(Knobs knobs, String name, int min, int max) {
            return new Duration[] {knobs.duration(name + "Min", Duration.ofSeconds(min)),
                    knobs.duration(name + "Max", Duration.ofSeconds(max))};
        }

        public double studentShare() {
            return Math.max(0, 1 - instructorShare - lmsShare);
        }

        public String describe() {
            return String.format(java.util.Locale.ROOT,
                    "students %.0f%% (a batch every %d-%d s), instructors %.0f%% (dashboard poll every %d-%d s,"
                            + " WebSocket open), LMS users %.0f%% (a page every %d-%d s)",
                    studentShare() * 100, studentThink[0].toSeconds(), studentThink[1].toSeconds(),
                    instructorShare * 100, instructorPoll[0].toSeconds(), instructorPoll[1].toSeconds(),
                    lmsShare * 100, lmsThink[0].toSeconds(), lmsThink[1].toSeconds());
        }
    }

    private final Measured measured;
    private final RunClock clock;
    private final String runTag;
    private final Settings settings;
    private final Supplier<Fixtures.Instructors> instructors;
    private final Supplier<Fixtures.Lms> lms;
    private final AtomicInteger students = new AtomicInteger();
    private final AtomicLong instructorLogins = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();

    public ClassroomTraffic(Measured measured, RunClock clock, String runTag, Settings settings,
                            Supplier<Fixtures.Instructors> instructors, Supplier<Fixtures.Lms> lms) {
        this.measured = measured;
        this.clock = clock;
        this.runTag = runTag;
        this.settings = settings;
        this.instructors = instructors;
        this.lms = lms;
    }

    /** Virtual users still running (the gates wait for them to finish). */
    public int active() {
        return active.get();
    }

    private ChainBuilder arrive() {
        return exec(session -> {
            clock.start();
            active.incrementAndGet();
            return session;
        });
    }

    private ChainBuilder leave() {
        return exec(session -> {
            active.decrementAndGet();
            return session;
        });
    }

    /** Loops {@code iteration} until the last phase ends, grouping each iteration under its phase. */
    private ChainBuilder untilTheEnd(ChainBuilder iteration) {
        return asLongAs(session -> clock.running()).on(
                exec(session -> session.set("phase", clock.currentPhase()))
                        .group("#{phase}").on(iteration));
    }

    public ScenarioBuilder students() {
        return scenario("students").exec(arrive())
                .exec(session -> session.set("student",
                        new Student(runTag, students.incrementAndGet(), settings.behaviour())))
                .exec(untilTheEnd(
                        pause(settings.studentThink()[0], settings.studentThink()[1])
                                .exec(session -> session.set("batch", session.<Student>get("student")
                                        .nextBatch(ThreadLocalRandom.current())))
                                .exec(measured.http("POST /api/v1/events", http -> http.post("/api/v1/events")
                                        .body(StringBody(session -> session.getString("batch")))))))
                .exec(leave());
    }

    public ScenarioBuilder instructors() {
        return scenario("instructors").exec(arrive())
                .exec(session -> {
                    Fixtures.Credentials account = instructors.get().pick(instructorLogins.getAndIncrement());
                    return session.set("email", account.email()).set("password", account.password())
                            .set("phase", clock.currentPhase());
                })
                .group("#{phase}").on(
                        measured.http("POST /api/v1/auth/login", http -> http.post("/api/v1/auth/login")
                                .body(StringBody(ClassroomTraffic::loginBody))
                                .check(jsonPath("$.token.access_token").saveAs("token")))
                        .exec(measured.http("GET /api/v1/auth/me", http -> http.get("/api/v1/auth/me")
                                .header("Authorization", "Bearer #{token}")))
                        .exec(measured.ws(DASHBOARD_WS, ws(DASHBOARD_WS).connect("/api/v1/dashboard/ws/dashboard"))))
                .exec(untilTheEnd(
                        pause(settings.instructorPoll()[0], settings.instructorPoll()[1])
                                .exec(session -> session.remove("watched"))
                                .exec(measured.http("GET /api/v1/dashboard/overview", http -> http
                                        .get("/api/v1/dashboard/overview?time_range=1h")
                                        .check(jsonPath("$.students[*].emailAddress").findRandom().optional()
                                                .saveAs("watched"))))
                                .doIf(session -> session.contains("watched")).then(
                                        measured.http("GET /api/v1/dashboard/students/{email}/activity", http -> http
                                                .get(session -> "/api/v1/dashboard/students/"
                                                        + pathSegment(session.getString("watched")) + "/activity")))
                                .exec(measured.ws(DASHBOARD_WS, ws("WS ping").sendText("{\"type\":\"ping\"}")
                                        .await(Duration.ofSeconds(10)).on(ws.checkTextMessage("pong")
                                                .matching(regex("\"type\"\\s*:\\s*\"pong\"")))))))
                .exec(ws("WS close").close())
                .exec(leave());
    }

    public ScenarioBuilder lmsUsers() {
        return scenario("lms users").exec(arrive())
                .exec(untilTheEnd(
                        pause(settings.lmsThink()[0], settings.lmsThink()[1])
                                .exec(measured.http("GET /api/v1/classes/", http -> http.get("/api/v1/classes/?limit=50")))
                                .doIf(session -> lms.get().canBrowseClass()).then(
                                        exec(session -> session.set("classId", lms.get().classId()))
                                                .exec(measured.http("GET /api/v1/classes/{class_id}",
                                                        http -> http.get("/api/v1/classes/#{classId}")))
                                                .exec(measured.http("GET /api/v1/assignments/",
                                                        http -> http.get("/api/v1/assignments/?class_id=#{classId}"))))
                                .doIf(session -> lms.get().canSubmit()).then(submitAndGrade())))
                .exec(leave());
    }

    private ChainBuilder submitAndGrade() {
        return exec(session -> {
            Fixtures.Lms fixture = lms.get();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long assignment = fixture.assignmentIds().get(random.nextInt(fixture.assignmentIds().size()));
            long student = fixture.studentIds().get(random.nextInt(fixture.studentIds().size()));
            return session.set("assignmentId", assignment).set("studentId", student).remove("submissionId");
        })
                .exec(measured.http("GET /api/v1/assignments/{assignment_id}",
                        http -> http.get("/api/v1/assignments/#{assignmentId}")))
                .exec(measured.http("POST /api/v1/submissions/", http -> http.post("/api/v1/submissions/")
                        .body(StringBody("{\"assignment_id\":#{assignmentId},\"student_id\":#{studentId}}"))
                        .check(jsonPath("$.id").ofLong().saveAs("submissionId"))))
                .exec(measured.http("GET /api/v1/submissions/",
                        http -> http.get("/api/v1/submissions/?assignment_id=#{assignmentId}&limit=20")))
                .doIf(session -> session.contains("submissionId")).then(
                        measured.http("PUT /api/v1/submissions/{submission_id}", http -> http
                                .put("/api/v1/submissions/#{submissionId}")
                                .body(StringBody(session -> "{\"grade\":" + ThreadLocalRandom.current().nextInt(50, 101)
                                        + ",\"status\":\"graded\",\"feedback\":\"よくできました\"}"))));
    }

    private static String loginBody(Session session) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", session.getString("email"));
        body.put("password", session.getString("password"));
        return JsonHttp.JSON.writeValueAsString(body);
    }

    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }
}
