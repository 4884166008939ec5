package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.NewBackendApplication;
import dev.cellmonitor.cutover.testsupport.TestDatabases;

/**
 * A 202 from {@code POST /events} means stored: the new backend runs as a separate JVM, clients post batches
 * concurrently, and the process is killed with SIGKILL right after one of them receives a 202. Every event of every
 * batch answered 202 must be in {@code cell_executions}, exactly once.
 */
class KillAfterAcceptTest {

    private static final int CLIENTS = 4;
    private static final int BATCH = 50;
    private static final int KILL_AFTER_ACKS = 12;

    @Test
    void nothingAnswered202IsLostWhenTheProcessIsKilled() throws Exception {
        String db = TestDatabases.create("kill");
        Process app = null;
        try {
            int port = freePort();
            File log = new File("target/kill-after-202-app.log");
            app = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    NewBackendApplication.class.getName(),
                    "--server.port=" + port, "--management.server.port=" + freePort(),
                    "--spring.datasource.url=" + TestDatabases.url(db),
                    "--spring.datasource.username=" + TestDatabases.USER,
                    "--spring.datasource.password=" + TestDatabases.PASSWORD,
                    "--spring.datasource.hikari.maximum-pool-size=4",
                    "--cellmonitor.redis.prefix=kill-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                    "--spring.main.banner-mode=off")
                    .redirectErrorStream(true).redirectOutput(log).start();
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitLive(http, base, app);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger acks = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            Process target = app;
            List<Thread> clients = new java.util.ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofPlatform().start(() -> {
                    for (int b = 0; !killed.get(); b++) {
                        String batchId = client + "-" + b;
                        try {
                            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(batch(batchId))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 202) {
                                acknowledged.add(batchId);
                                if (acks.incrementAndGet() >= KILL_AFTER_ACKS && killed.compareAndSet(false, true)) {
                                    target.destroyForcibly(); // SIGKILL, right after this 202
                                }
                            }
                        } catch (Exception connectionLost) {
                            return;
                        }
                    }
                }));
            }
            for (Thread t : clients) {
                t.join(120_000);
            }
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(app.exitValue()).as("killed by SIGKILL, no shutdown hook ran").isEqualTo(137);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);

            Set<String> stored = new HashSet<>();
            int rows = 0;
            try (Connection c = TestDatabases.connect(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT code_content FROM cell_executions")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    rows++;
                }
            }
            System.out.printf("kill-after-202: %d batches (%d events) answered 202 before SIGKILL, %d events stored%n",
                    acknowledged.size(), acknowledged.size() * BATCH, rows);
            assertThat(rows).as("no event stored twice").isEqualTo(stored.size());
            for (String batchId : acknowledged) {
                for (int i = 0; i < BATCH; i++) {
                    assertThat(stored).as("event %d of batch %s was answered 202", i, batchId).contains(code(batchId, i));
                }
            }
        } finally {
            if (app != null) {
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            TestDatabases.drop(db);
        }
    }

    private static String batch(String batchId) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            out.append(i == 0 ? "" : ",").append("""
                    {"eventType": "cell_executed", "emailAddress": "k%d@example.com", "notebookPath": "kill.ipynb",
                     "cellId": "c%d", "code": "%s", "hasError": %s}""".formatted(i % 20, i % 7, code(batchId, i), i % 5 == 0));
        }
        return out.append(']').toString();
    }

    private static String code(String batchId, int i) {
        return "print('" + batchId + "/" + i + "')";
    }

    private static void awaitLive(HttpClient http, String base, Process app) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < end && app.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the backend did not start (see target/kill-after-202-app.log)");
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
