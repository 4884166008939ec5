package dev.cellmonitor.cutover.load.traffic;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.cellmonitor.cutover.load.JsonHttp;

/**
 * What a suite sets up through the API before the load starts, the way a class would be set up: instructor
 * accounts (created by the seeded instructor), and for the LMS users a class with assignments on a notebook
 * of the run, with students the event worker has created.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public record Credentials(String email, String password) {
    }

    /**
     * @param accounts one per concurrent instructor when they could be created, else the seeded one
     * @param note     how they were obtained, for the summary
     */
    public record Instructors(List<Credentials> accounts, String note) {

        public Credentials pick(long n) {
            return accounts.get((int) (n % accounts.size()));
        }
    }

    /**
     * @param classId       the run's class, null when it could not be created
     * @param assignmentIds its assignments
     * @param studentIds    students who may submit
     * @param note          what is missing and why, for the summary
     */
    public record Lms(Long classId, List<Long> assignmentIds, List<Long> studentIds, String note) {

        public boolean canBrowseClass() {
            return classId != null;
        }

        public boolean canSubmit() {
            return !assignmentIds.isEmpty() && !studentIds.isEmpty();
        }
    }

    /**
     * Logs in as the seeded instructor and creates {@code count} instructors of this run. Without the seeded
     * instructor the suite cannot log anyone in, so that is an error with instructions.
     */
    public static Instructors instructors(JsonHttp http, String baseUrl, String runTag, int count, Credentials seed)
            throws IOException {
        JsonHttp.Reply login = http.send("POST", baseUrl + "/api/v1/auth/login",
                Map.of("email", seed.email(), "password", seed.password()), Map.of());
        if (!login.ok() || login.json() == null || !login.json().at("/token/access_token").isString()) {
            throw new IllegalStateException("the seeded instructor " + seed.email() + " cannot log in at " + baseUrl
                    + " (" + login.brief() + "). Seed it (a parity reset seeds instructor@example.com / password123)"
                    + " or name an existing one with -DinstructorEmail=... -DinstructorPassword=...");
        }
        String token = login.json().at("/token/access_token").asString();
        List<Credentials> created = new ArrayList<>();
        String failure = null;
        for (int i = 1; i <= count; i++) {
            Credentials account = new Credentials("instructor-" + runTag + "-" + i + "@load.example.com", seed.password());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("email", account.email());
            body.put("name", "負荷試験講師 " + i);
            body.put("role", "instructor");
            body.put("password", account.password());
            JsonHttp.Reply reply = http.send("POST", baseUrl + "/api/v1/instructors/", body, JsonHttp.bearer(token));
            if (reply.status() == 201) {
                created.add(account);
            } else {
                failure = "POST /api/v1/instructors/ answered " + reply.brief();
                break;
            }
        }
        if (created.isEmpty()) {
            return new Instructors(List.of(seed), "every virtual instructor uses the seeded account " + seed.email()
                    + (failure == null ? "" : " (creating instructors failed: " + failure + ")"));
        }
        return new Instructors(created, created.size() + " instructors created for this run ("
                + created.getFirst().email() + " ...)" + (failure == null ? "" : "; then " + failure));
    }

    /**
     * Creates the run's class and, once the worker has persisted the run's LMS students, two assignments on
     * their notebook. Anything that cannot be set up is reported in the note and left out of the traffic.
     */
    public static Lms lms(JsonHttp http, String baseUrl, String runTag, int students, Database db,
                          java.time.Duration persistWait, RandomGenerator random) throws IOException {
        List<String> notes = new ArrayList<>();
        Long classId = null;
        Map<String, Object> clazz = new LinkedHashMap<>();
        clazz.put("name", "負荷試験 " + runTag);
        clazz.put("class_code", "LOAD-" + runTag);
        clazz.put("description", "load-test class of run " + runTag);
        JsonHttp.Reply created = http.send("POST", baseUrl + "/api/v1/classes/", clazz, Map.of());
        if (created.status() == 201 && created.json() != null) {
            classId = created.json().get("id").asLong();
        } else {
            notes.add("class not created: POST /api/v1/classes/ answered " + created.brief());
        }

        Student.Behaviour quiet = new Student.Behaviour(0, 3, 0, 4, 0, 1, 12, 1);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            Student student = new Student(runTag + "-lms", i, quiet);
            emails.add(student.email());
            JsonHttp.Reply posted = http.send("POST", baseUrl + "/api/v1/events", student.nextBatch(random), Map.of());
            if (posted.status() != 202) {
                notes.add("LMS students not seeded: POST /api/v1/events answered " + posted.brief());
                break;
            }
        }
        List<Long> studentIds = List.of();
        Optional<Long> notebookId = Optional.empty();
        long deadline = System.currentTimeMillis() + persistWait.toMillis();
        try {
            while (true) {
                studentIds = db.studentIds(emails);
                notebookId = db.notebookId(Student.notebookPath(runTag + "-lms", 1));
                if ((studentIds.size() == emails.size() && notebookId.isPresent())
                        || System.currentTimeMillis() > deadline) {
                    break;
                }
                sleep(500);
            }
            if (studentIds.isEmpty() || notebookId.isEmpty()) {
                notes.add("the event worker persisted " + studentIds.size() + "/" + emails.size()
                        + " LMS students and " + (notebookId.isPresent() ? "their" : "not their")
                        + " notebook within " + persistWait.toSeconds() + " s: no submissions");
            }
        } catch (SQLException e) {
            notes.add("no submissions: student/notebook ids come from the database, which is not reachable at "
                    + db.url() + " (" + e.getMessage() + "; set -DdbUrl/-DdbUser/-DdbPassword)");
            studentIds = List.of();
        }

        List<Long> assignmentIds = new ArrayList<>();
        if (classId != null && notebookId.isPresent()) {
            for (int i = 1; i <= 2; i++) {
                Map<String, Object> assignment = new LinkedHashMap<>();
                assignment.put("class_id", classId);
                assignment.put("notebook_id", notebookId.get());
                assignment.put("title", "第" + i + "回課題 (" + runTag + ")");
                assignment.put("description", "load-test assignment");
                assignment.put("due_date", "2030-01-0" + i + "T23:59:00+09:00");
                assignment.put("points", 100);
                JsonHttp.Reply reply = http.send("POST", baseUrl + "/api/v1/assignments/", assignment, Map.of());
                if (reply.status() == 201 && reply.json() != null) {
                    assignmentIds.add(reply.json().get("id").asLong());
                } else {
                    notes.add("assignment not created: POST /api/v1/assignments/ answered " + reply.brief());
                    break;
                }
            }
        }
        String note = notes.isEmpty()
                ? "class " + classId + ", assignments " + assignmentIds + ", " + studentIds.size() + " students who submit"
                : String.join("; ", notes);
        return new Lms(classId, List.copyOf(assignmentIds), List.copyOf(studentIds), note);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
