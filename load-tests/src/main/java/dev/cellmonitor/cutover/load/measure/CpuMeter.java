package dev.cellmonitor.cutover.load.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.cellmonitor.cutover.load.Knobs;
import dev.cellmonitor.cutover.load.phases.Phase;
import dev.cellmonitor.cutover.load.phases.RunClock;

/**
 * The CPU each party used during chosen phases, read from /proc at each phase's start and end: this JVM (the
 * Gatling client, {@value #CLIENT}), the servers named like the {@code rss} targets ({@code cpu} setting, default:
 * those of {@code rss}), every PostgreSQL process together ({@value #POSTGRES}) and the whole machine
 * ({@value #MACHINE}, which includes anybody else's work). Figures are in cores: 1.0 is one core busy for the whole
 * phase. On a machine shared by client, server and database, they tell whether the client was the bottleneck.
 */
public final class CpuMeter {

    public static final String CLIENT = "gatling";
    public static final String POSTGRES = "postgres";
    public static final String MACHINE = "machine";

    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100;

    /**
     * CPU ticks of each party at one moment, per process.
     *
     * @param nanos when it was read ({@link System#nanoTime()})
     * @param ticks party to process id to user plus system ticks
     */
    record Reading(long nanos, Map<String, Map<Long, Long>> ticks) {
    }

    private final Processes processes;
    private final Map<String, String> servers;
    private final long self = ProcessHandle.current().pid();
    private final Map<String, Map<String, Double>> results = new LinkedHashMap<>();
    private Thread thread;

    /** @param servers name to {@code port:<port>} or {@code pid:<pid>} */
    public CpuMeter(Processes processes, Map<String, String> servers) {
        this.processes = processes;
        this.servers = servers;
    }

    public static CpuMeter from(Knobs knobs) {
        return new CpuMeter(new Processes(),
                RssSampler.targets("cpu", knobs.text("cpu", knobs.text("rss", RssSampler.DEFAULT_TARGETS))));
    }

    Reading read() {
        Map<String, Map<Long, Long>> ticks = new LinkedHashMap<>();
        ticks.put(CLIENT, ticksOf(List.of(self)));
        servers.forEach((name, spec) -> RssSampler.find(processes, spec)
                .ifPresent(pid -> ticks.put(name, ticksOf(List.of(pid)))));
        ticks.put(POSTGRES, ticksOf(processes.named("postgres")));
        processes.machineTicks().ifPresent(machine -> ticks.put(MACHINE, Map.of(0L, machine[0])));
        ticks.values().removeIf(Map::isEmpty);
        return new Reading(System.nanoTime(), ticks);
    }

    private Map<Long, Long> ticksOf(List<Long> pids) {
        Map<Long, Long> ticks = new LinkedHashMap<>();
        pids.forEach(pid -> processes.cpuTicks(pid).ifPresent(t -> ticks.put(pid, t)));
        return ticks;
    }

    /**
     * Cores each party used between two readings. A process seen only at the end started in between: all its time
     * counts; one seen only at the start ended in between and its last time is lost (short-lived PostgreSQL
     * workers). Parties missing from either reading are left out.
     */
    static Map<String, Double> coresUsed(Reading from, Reading to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        if (seconds <= 0) {
            return cores;
        }
        to.ticks().forEach((party, end) -> {
            Map<Long, Long> start = from.ticks().get(party);
            if (start == null) {
                return;
            }
            long ticks = 0;
            for (Map.Entry<Long, Long> e : end.entrySet()) {
                ticks += Math.max(0, e.getValue() - start.getOrDefault(e.getKey(), 0L));
            }
            cores.put(party, ticks / TICKS_PER_SECOND / seconds);
        });
        return cores;
    }

    /** "gatling 0.21, new 1.12, postgres 0.55, machine 1.95 of 2 cores" */
    public static String describe(Map<String, Double> cores) {
        if (cores == null || cores.isEmpty()) {
            return "not measured";
        }
        return cores.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")) + " of " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** Measures each of {@code phases} (in run order) from its start to its end, on its own thread. */
    public void start(RunClock clock, List<Phase> phases) {
        List<Phase> measured = new ArrayList<>(phases);
        thread = Thread.ofPlatform().daemon().name("cpu-meter").start(() -> {
            try {
                while (!clock.started()) {
                    Thread.sleep(100);
                }
                for (Phase phase : measured) {
                    long from = clock.phaseStartMillis(phase);
                    Thread.sleep(Math.max(0, from - System.currentTimeMillis()));
                    Reading start = read();
                    Thread.sleep(Math.max(0, from + phase.length().toMillis() - System.currentTimeMillis()));
                    Map<String, Double> cores = coresUsed(start, read());
                    synchronized (results) {
                        results.put(phase.name(), cores);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Lets a measurement that is ending finish (the last phase's closing read), then stops. */
    public void stop() throws InterruptedException {
        if (thread != null) {
            thread.join(2000);
            thread.interrupt();
            thread.join(5000);
        }
    }

    /** Phase name to party to cores, for the phases measured to their end. */
    public Map<String, Map<String, Double>> results() {
        synchronized (results) {
            return Map.copyOf(results);
        }
    }
}
