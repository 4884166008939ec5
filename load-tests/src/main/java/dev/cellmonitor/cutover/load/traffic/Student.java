package dev.cellmonitor.cutover.load.traffic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One student as the JupyterLab cell-monitor extension reports them: works through the cells of a run's
 * lesson notebooks, mostly executing cells successfully, sometimes getting stuck on a cell long enough to
 * reach the consecutive-error threshold (3), now and then asking for help and later withdrawing it.
 * Identities (email, session, notebook paths) carry the run tag, so runs never share students.
 */
public final class Student {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] TEAMS = {"チームA", "チームB", "チームC", "チームD", "チームE", "チームF", "チームG", "チームH"};
    private static final String[] CODE = {
        "import pandas as pd", "df = pd.read_csv('data.csv')", "df.head()", "df.describe()",
        "nums = [3, 1, 4, 1, 5]", "squares = [n ** 2 for n in nums]\nsquares", "def add(a, b):\n    return a + b",
        "add(1, 2)", "for i in range(3):\n    print(i)", "df.groupby('team').mean()", "plt.plot(nums)", "len(df)"};
    private static final String[] ERRORS = {
        "NameError: name 'dfx' is not defined", "ZeroDivisionError: division by zero",
        "KeyError: 'score'", "TypeError: unsupported operand type(s) for +: 'int' and 'str'"};

    /**
     * How students behave.
     *
     * @param errorStreakChance chance, per executed cell, that the student gets stuck on it
     * @param streakLength      errors in a row before the student fixes the cell (≥ 3 reaches the threshold)
     * @param helpChance        chance, per batch, to ask for help when not already asking
     * @param helpBatches       batches after which a help request is withdrawn
     * @param saveChance        chance, per batch, of a notebook_saved event
     * @param maxCellsPerBatch  executed cells per batch: 1..this
     * @param cellsPerNotebook  cells in each lesson notebook
     * @param notebooks         lesson notebooks of the run
     */
    public record Behaviour(double errorStreakChance, int streakLength, double helpChance, int helpBatches,
                            double saveChance, int maxCellsPerBatch, int cellsPerNotebook, int notebooks) {

        public static final Behaviour CLASSROOM = new Behaviour(0.06, 3, 0.02, 4, 0.05, 3, 12, 4);
    }

    private final String runTag;
    private final String email;
    private final String name;
    private final String team;
    private final String sessionId;
    private final Behaviour behaviour;
    private int notebook = 1;
    private int cell;
    private int executionCount;
    private int streakLeft;
    private int helpLeft = -1;
    private boolean opened;
    private long sequence;

    public Student(String runTag, int number, Behaviour behaviour) {
        this.runTag = runTag;
        this.behaviour = behaviour;
        String n = String.format(Locale.ROOT, "%04d", number);
        this.email = "student-" + runTag + "-" + n + "@load.example.com";
        this.name = "受講生 " + n;
        this.team = TEAMS[number % TEAMS.length];
        this.sessionId = "jl-" + runTag + "-" + n;
    }

    public String email() {
        return email;
    }

    public static String notebookPath(String runTag, int notebook) {
        return "load/" + runTag + "/lesson-" + notebook + ".ipynb";
    }

    /** The next batch the extension would send: a few events, as a JSON array. */
    public synchronized String nextBatch(RandomGenerator random) {
        List<ObjectNode> events = new ArrayList<>();
        if (!opened) {
            events.add(event("notebook_opened"));
            opened = true;
        }
        int cells = 1 + random.nextInt(Math.max(1, behaviour.maxCellsPerBatch()));
        for (int i = 0; i < cells; i++) {
            events.add(execute(random));
        }
        if (helpLeft > 0) {
            helpLeft--;
        } else if (helpLeft == 0) {
            events.add(event("help_stop"));
            helpLeft = -1;
        } else if (random.nextDouble() < behaviour.helpChance()) {
            events.add(event("help"));
            helpLeft = behaviour.helpBatches();
        }
        if (random.nextDouble() < behaviour.saveChance()) {
            events.add(event("notebook_saved"));
        }
        return toJson(events);
    }

    /** "Run all": {@code size} cell executions in a row (the ingest suite's batches). */
    public synchronized String runAll(int size, RandomGenerator random) {
        List<ObjectNode> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(execute(random));
        }
        return toJson(events);
    }

    private ObjectNode execute(RandomGenerator random) {
        if (streakLeft == 0 && random.nextDouble() < behaviour.errorStreakChance()) {
            streakLeft = behaviour.streakLength();
        }
        boolean error = streakLeft > 0;
        ObjectNode e = event("cell_executed");
        e.put("cellId", "cell-" + (cell + 1));
        e.put("cellIndex", cell);
        e.put("cellType", "code");
        e.put("code", CODE[(cell + notebook) % CODE.length]);
        e.put("executionCount", ++executionCount);
        e.put("hasError", error);
        if (error) {
            e.put("errorMessage", ERRORS[cell % ERRORS.length]);
            streakLeft--;
        } else {
            e.put("result", "OK");
        }
        e.put("executionDurationMs", Math.round(random.nextDouble() * 2000) / 10.0 + 0.5);
        if (!error) {
            advance();
        }
        return e;
    }

    private void advance() {
        cell++;
        if (cell >= behaviour.cellsPerNotebook()) {
            cell = 0;
            notebook = notebook % behaviour.notebooks() + 1;
        }
    }

    private ObjectNode event(String type) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventId", sessionId + "-" + (++sequence));
        e.put("eventType", type);
        e.put("eventTime", EVENT_TIME.format(Instant.now()));
        e.put("emailAddress", email);
        e.put("userName", name);
        e.put("teamName", team);
        e.put("sessionId", sessionId);
        e.put("notebookPath", notebookPath(runTag, notebook));
        return e;
    }

    private static String toJson(List<ObjectNode> events) {
        ArrayNode array = JSON.createArrayNode();
        events.forEach(array::add);
        return JSON.writeValueAsString(array);
    }
}
