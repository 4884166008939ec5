package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

/**
 * Overview latency with a full class: 350 students, 500,000 executions, 20 overview requests per second for a
 * minute while executions keep being inserted (one INSERT each, as a worker writes them). Prints p50/p95/p99
 * of the overview and of the inserts (without and with the dashboard load). Not part of the default tests:
 * <pre>
 * mvn -o -B -pl new-backend -am test -Dtest=DashboardOverviewBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark=true
 * </pre>
 */
@BackendIntegrationTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class DashboardOverviewBenchmark {

    private static final int STUDENTS = 350;
    private static final int EXECUTIONS = 500_000;
    private static final int RATE_PER_SECOND = 20;
    private static final Duration MEASURED = Duration.ofSeconds(60);
    private static final int INSERTS_PER_SECOND = 100;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    RedisNames names;
    @Autowired
    ExecutionTailer tailer;
    @Autowired
    Dashboard dashboard;

    @Test
    void overviewLatencyWithAFullClassWhileEventsAreIngested() throws Exception {
        new LegacyWorkerFixture(jdbc, redis, names).resetTables();
        long seedStart = System.nanoTime();
        seed();
        System.out.printf("seeded %d students and %d executions in %.1f s%n", STUDENTS, EXECUTIONS, seconds(seedStart));

        long catchUpStart = System.nanoTime();
        int applied = tailer.catchUp();
        System.out.printf("read model built from %d executions in %.1f s%n", applied, seconds(catchUpStart));

        List<Double> naive = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            jdbc.queryForList("SELECT student_id, count(*), count(*) FILTER (WHERE status = 'error') FROM cell_executions GROUP BY student_id");
            naive.add(millis(t));
        }
        System.out.printf("for comparison, one plain GROUP BY over cell_executions: p50 %.1f ms%n", percentile(naive, 50));

        HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
        HttpRequest overview = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/dashboard/overview"))
                .timeout(Duration.ofSeconds(30)).build();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> inProcess = new ArrayList<>();
        long cpu = 0;
        for (int i = 0; i < 100; i++) {
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            dashboard.overview("1h");
            cpu += threads.getCurrentThreadCpuTime() - c;
            inProcess.add(millis(t));
        }
        System.out.printf("overview computed in process (no HTTP): p50 %.1f ms, p95 %.1f ms, %.1f ms of this thread's CPU each%n",
                percentile(inProcess.subList(50, 100), 50), percentile(inProcess.subList(50, 100), 95), cpu / 100 / 1e6);
        List<Double> sequential = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long t = System.nanoTime();
            assertThat(http.send(overview, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            sequential.add(millis(t));
        }
        List<Double> warm = sequential.subList(50, 100);
        System.out.printf("overview one at a time (no other load from this test): p50 %.1f ms, p95 %.1f ms%n",
                percentile(warm, 50), percentile(warm, 95));

        Ingestion ingestion = new Ingestion();
        Thread ingest = Thread.ofVirtual().start(ingestion::run);
        Thread.sleep(15_000);
        List<Double> insertsAlone = ingestion.drain();

        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double loadBefore = os.getSystemLoadAverage();
        long cpuBefore = os.getProcessCpuTime();
        long periodNanos = 1_000_000_000L / RATE_PER_SECOND;
        long start = System.nanoTime();
        long total = MEASURED.toSeconds() * RATE_PER_SECOND;
        for (long n = 0; n < total; n++) {
            long due = start + n * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long sent = System.nanoTime();
            inFlight.add(http.sendAsync(overview, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    failures.incrementAndGet();
                } else {
                    latencies.add(millis(sent));
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = seconds(start);
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        double loadAfter = os.getSystemLoadAverage();
        List<Double> insertsUnderLoad = ingestion.drain();
        ingestion.stop.set(true);
        ingest.join();

        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long inserted = jdbc.queryForObject("SELECT count(*) FROM cell_executions", Long.class) - EXECUTIONS;
        System.out.println("=== dashboard overview benchmark ===");
        System.out.printf("students %d, executions %d (+%d inserted during the run)%n", STUDENTS, EXECUTIONS, inserted);
        System.out.printf("overview: %d requests in %.1f s (%.1f req/s), %d failed%n", sorted.size(), elapsed,
                sorted.size() / elapsed, failures.get());
        System.out.printf("overview latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.get(sorted.size() - 1));
        System.out.printf("this JVM (server, client, ingestion, tailer) used %.1f CPU s in %.0f s; machine load average %.1f -> %.1f on %d cores%n",
                cpuSeconds, elapsed, loadBefore, loadAfter, os.getAvailableProcessors());
        System.out.printf("insert latency ms without dashboard load: p50 %.2f  p95 %.2f  (%d inserts)%n",
                percentile(insertsAlone, 50), percentile(insertsAlone, 95), insertsAlone.size());
        System.out.printf("insert latency ms with dashboard load:    p50 %.2f  p95 %.2f  (%d inserts)%n",
                percentile(insertsUnderLoad, 50), percentile(insertsUnderLoad, 95), insertsUnderLoad.size());
        assertThat(failures.get()).isZero();
    }

    /** Executions inserted one by one, as a worker writes them, at a steady rate. */
    private final class Ingestion {
        final AtomicBoolean stop = new AtomicBoolean();
        final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();

        void run() {
            long period = 1_000_000_000L / INSERTS_PER_SECOND;
            long next = System.nanoTime();
            while (!stop.get()) {
                int student = 1 + ThreadLocalRandom.current().nextInt(STUDENTS);
                boolean error = ThreadLocalRandom.current().nextInt(20) == 0;
                long t = System.nanoTime();
                jdbc.update("""
                        INSERT INTO cell_executions (execution_id, notebook_id, cell_id, student_id, session_id, executed_at,
                            execution_count, status, duration, code_content, cell_index, cell_type, consecutive_error_count,
                            is_significant_error)
                        VALUES (gen_random_uuid()::text, 1, 1 + ?, ?, ?, now(), 1, ?, 0.004, 'x = 1', 0, 'code', ?, false)""",
                        student % 20, student, student, error ? "error" : "success", error ? 1 : 0);
                latencies.add(millis(t));
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        List<Double> drain() {
            List<Double> out = new ArrayList<>();
            Double v;
            while ((v = latencies.poll()) != null) {
                out.add(v);
            }
            Collections.sort(out);
            return out;
        }
    }

    private void seed() {
        jdbc.update("INSERT INTO teams (team_name, description, created_at) SELECT 'チーム' || g, 'チーム' || g || 'の説明', now() FROM generate_series(1, 35) g");
        jdbc.update("""
                INSERT INTO students (email, name, team_id, is_requesting_help, created_at)
                SELECT 'student' || g || '@example.com', '学生 ' || g, 1 + g % 35, false, now() FROM generate_series(1, ?) g""", STUDENTS);
        jdbc.update("INSERT INTO notebooks (path, name, created_at) SELECT 'lessons/nb' || g || '.ipynb', 'nb' || g || '.ipynb', now() FROM generate_series(1, 3) g");
        jdbc.update("""
                INSERT INTO cells (cell_id, notebook_id, cell_type, position, content)
                SELECT 'cell-' || c, n, 'code', c, 'x = 1' FROM generate_series(1, 3) n CROSS JOIN generate_series(1, 20) c""");
        jdbc.update("""
                INSERT INTO sessions (session_id, student_id, start_time, is_active)
                SELECT gen_random_uuid()::text, id, now() - interval '30 minutes', true FROM students ORDER BY id""");
        jdbc.update("""
                INSERT INTO cell_executions (execution_id, notebook_id, cell_id, student_id, session_id, executed_at,
                    execution_count, status, duration, error_message, output, code_content, cell_index, cell_type,
                    consecutive_error_count, is_significant_error)
                SELECT gen_random_uuid()::text, 1 + (g / 7) % 3, 1 + g % 60, 1 + g % ?, 1 + g % ?,
                       now() - random() * interval '7 days', 1 + g % 9,
                       CASE WHEN g % 25 = 0 THEN 'error' ELSE 'success' END, 0.004,
                       CASE WHEN g % 25 = 0 THEN 'NameError: x' END, 'ok', 'x = ' || g, g % 20, 'code',
                       CASE WHEN g % 5000 = 0 THEN 3 WHEN g % 25 = 0 THEN 1 ELSE 0 END, g % 5000 = 0
                FROM generate_series(1, ?) g""", STUDENTS, STUDENTS, EXECUTIONS);
        jdbc.update("""
                INSERT INTO cutover_help_events (student_email, kind, occurred_at, source)
                SELECT 'student' || g || '@example.com', 'help', now() - interval '1 minute', 'worker' FROM generate_series(1, 20) g""");
        jdbc.execute("ANALYZE");
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
