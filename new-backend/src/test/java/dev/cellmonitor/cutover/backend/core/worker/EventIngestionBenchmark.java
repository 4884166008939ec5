package dev.cellmonitor.cutover.backend.core.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

/**
 * End-to-end ingestion benchmark (not part of the normal test run): clients post batches of 1, 20 and 200 events to
 * {@code POST /api/v1/events} on loopback for a fixed time; since a 202 means stored, events answered 202 per second
 * are events persisted per second (checked against the rows in PostgreSQL at the end). Prints events/s and the POST's
 * p50/p99 per batch size. Run:
 *
 * <pre>mvn -B -pl new-backend -am test -Dtest=EventIngestionBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Optional: {@code -Dbenchmark.seconds=20} (measured time per batch size), {@code -Dbenchmark.warmup=60} (seconds
 * before each measurement), {@code -Dbenchmark.clients=50},
 * {@code -Dbenchmark.batches=1,20,200}.
 */
@BackendIntegrationTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
// the test support's context-closed listener would otherwise be offered (and refuse) every request-handled event
@TestPropertySource(properties = "spring.mvc.publish-request-handled-events=false")
class EventIngestionBenchmark {

    private static final int STUDENTS = 200;
    private static final int CELLS = 12;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eventsPersistedPerSecond() throws Exception {
        int seconds = Integer.getInteger("benchmark.seconds", 20);
        int clients = Integer.getInteger("benchmark.clients", 50);
        int warmUp = Integer.getInteger("benchmark.warmup", 60);
        List<String> report = new ArrayList<>();
        report.add(String.format("%-6s %8s %12s %14s %10s %10s %8s %12s", "batch", "clients", "POSTs", "events/s",
                "p50 ms", "p99 ms", "non-202", "checkpoints"));
        int[] batches = java.util.Arrays.stream(System.getProperty("benchmark.batches", "1,20,200").split(","))
                .mapToInt(Integer::parseInt).toArray();
        for (int batch : batches) {
            run(batch, clients, warmUp, null); // until the JIT has compiled the hot path: steady state is measured
            long rowsBefore = rows();
            long checkpointsBefore = checkpoints();
            Result r = run(batch, clients, seconds, report);
            long stored = rows() - rowsBefore;
            // a PostgreSQL checkpoint inside the window (full-page writes, flushing) costs several thousand events/s
            report.set(report.size() - 1, report.getLast() + String.format(" %12d", checkpoints() - checkpointsBefore));
            if (stored != r.executions) {
                throw new AssertionError("answered 202 for " + r.executions + " executions but " + stored + " were stored");
            }
        }
        System.out.println();
        System.out.println("POST /api/v1/events, new backend, direct mode, " + Runtime.getRuntime().availableProcessors()
                + " cores shared by client, server and PostgreSQL; " + seconds + " s per batch size");
        report.forEach(System.out::println);
        System.out.println();
    }

    private record Result(long events, long executions) {
    }

    private Result run(int batch, int clients, int seconds, List<String> report) throws Exception {
        List<byte[]> requests = payloads(batch).stream().map(this::request).toList();
        List<Long> executionsPerRequest = payloads(batch).stream().map(EventIngestionBenchmark::executionsIn).toList();
        AtomicLong events = new AtomicLong();
        AtomicLong executions = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            latencies[c] = new long[1 << 16];
            threads.add(Thread.ofPlatform().start(() -> {
                int i = client;
                Socket socket = null;
                InputStream in = null;
                try {
                    while (System.nanoTime() < end) {
                        if (socket == null) {
                            socket = new Socket("127.0.0.1", port);
                            socket.setTcpNoDelay(true);
                            // one request at a time per connection, so reading ahead never takes the next answer
                            in = new java.io.BufferedInputStream(socket.getInputStream());
                        }
                        int k = i++ % requests.size();
                        long t0 = System.nanoTime();
                        OutputStream out = socket.getOutputStream();
                        out.write(requests.get(k));
                        out.flush();
                        int[] response = readResponse(in);
                        long took = System.nanoTime() - t0;
                        if (counts[client] == latencies[client].length) {
                            latencies[client] = Arrays.copyOf(latencies[client], counts[client] * 2);
                        }
                        latencies[client][counts[client]++] = took;
                        if (response[0] == 202) {
                            events.addAndGet(batch);
                            executions.addAndGet(executionsPerRequest.get(k));
                        } else {
                            refused.incrementAndGet();
                        }
                        if (response[1] == 1) {
                            // the server ends keep-alive connections after a number of requests
                            socket.close();
                            socket = null;
                        }
                    }
                } catch (IOException e) {
                    refused.incrementAndGet();
                } finally {
                    if (socket != null) {
                        try {
                            socket.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (report != null) {
            long[] all = new long[Arrays.stream(counts).sum()];
            int k = 0;
            for (int c = 0; c < clients; c++) {
                System.arraycopy(latencies[c], 0, all, k, counts[c]);
                k += counts[c];
            }
            Arrays.sort(all);
            report.add(String.format("%-6d %8d %12d %14.0f %10.1f %10.1f %8d", batch, clients, all.length,
                    events.get() / elapsed, percentile(all, 0.50), percentile(all, 0.99), refused.get()));
        }
        return new Result(events.get(), executions.get());
    }

    /** A keep-alive HTTP/1.1 POST, written once and replayed: the client should cost next to nothing. */
    private byte[] request(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /**
     * Reads one response (status line, headers, Content-Length or chunked body); returns its status and 1 when the
     * server closes the connection after it.
     */
    private static int[] readResponse(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        int close = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = 1;
            }
        }
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                in.skipNBytes(size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            in.skipNBytes(length);
        }
        return new int[] {code, close};
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private long checkpoints() {
        try {
            return jdbc.queryForObject("SELECT num_timed + num_requested FROM pg_stat_checkpointer", Long.class);
        } catch (org.springframework.dao.DataAccessException beforePostgres17) {
            return jdbc.queryForObject("SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter", Long.class);
        }
    }

    private long rows() {
        return jdbc.queryForObject("SELECT count(*) FROM cell_executions", Long.class);
    }

    private static long executionsIn(String payload) {
        int n = 0;
        for (int i = payload.indexOf("\"cell_executed\""); i >= 0; i = payload.indexOf("\"cell_executed\"", i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * A class at work: 200 students, 12 cells in 3 notebooks, about one execution in ten failing, now and then a
     * notebook opened, saved or a help request.
     */
    private static List<String> payloads(int batch) {
        java.util.Random random = new java.util.Random(batch);
        List<String> payloads = new ArrayList<>();
        for (int p = 0; p < 64; p++) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < batch; i++) {
                int student = random.nextInt(STUDENTS);
                int cell = random.nextInt(CELLS);
                String notebook = "lessons/week" + (cell % 3) + ".ipynb";
                int dice = random.nextInt(100);
                String type = dice < 96 ? "cell_executed" : dice < 98 ? "notebook_opened" : dice < 99 ? "notebook_saved" : "help";
                boolean error = random.nextInt(10) == 0;
                out.append(i == 0 ? "" : ",").append("""
                        {"eventId": "b-%d-%d", "eventType": "%s", "eventTime": "2026-11-29T10:00:%02d.000Z",
                         "emailAddress": "student%03d@example.com", "userName": "学生 %d", "teamName": "チーム%d",
                         "sessionId": "jl-%d", "notebookPath": "%s", "cellId": "cell-%d", "cellIndex": %d, "cellType": "code",
                         "code": "x = %d\\nprint(x * %d)", "executionCount": %d, "hasError": %s,
                         "errorMessage": %s, "result": %s, "executionDurationMs": %d.5}"""
                        .formatted(p, i, type, i % 60, student, student, student % 8, student, notebook, cell, cell,
                                cell, student, i, error, error ? "\"NameError: name 'y' is not defined\"" : "null",
                                error ? "null" : "\"" + cell * student + "\"", 3 + i % 40));
            }
            payloads.add(out.append(']').toString());
        }
        return payloads;
    }
}
