package dev.cellmonitor.cutover.backend.core.worker;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the legacy's {@code student_progress} points to InfluxDB 2 ({@code /api/v2/write}, line protocol) when an
 * InfluxDB URL is configured; otherwise does nothing. Points are sent after their events are committed, batched,
 * from their own thread; an InfluxDB outage costs points (logged), never events.
 */
@Component
class InfluxWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);
    private static final int MAX_PENDING_BATCHES = 1_000;
    private static final List<String> STOP = List.of();

    private final InfluxProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final BlockingQueue<List<String>> pending = new ArrayBlockingQueue<>(MAX_PENDING_BATCHES);
    private volatile Thread thread;

    InfluxWriter(InfluxProperties properties) {
        this.properties = properties;
    }

    boolean enabled() {
        return properties.enabled();
    }

    void write(List<String> lines) {
        if (!enabled() || lines.isEmpty()) {
            return;
        }
        if (!pending.offer(lines)) {
            log.warn("InfluxDB writes are {} batches behind: dropped {} points", MAX_PENDING_BATCHES, lines.size());
        }
    }

    private void run() {
        while (true) {
            List<String> first;
            try {
                first = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            List<List<String>> batches = new ArrayList<>();
            batches.add(first);
            pending.drainTo(batches, 20);
            boolean stop = batches.remove(STOP);
            StringBuilder body = new StringBuilder();
            int points = 0;
            for (List<String> batch : batches) {
                for (String line : batch) {
                    body.append(line).append('\n');
                    points++;
                }
            }
            if (points > 0) {
                send(body.toString(), points);
            }
            if (stop || first == STOP) {
                return;
            }
        }
    }

    private void send(String body, int points) {
        URI uri = URI.create(properties.url() + "/api/v2/write?org=" + enc(properties.org()) + "&bucket="
                + enc(properties.bucket()) + "&precision=ns");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Token " + properties.token())
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("InfluxDB refused {} points: {} {}", points, response.statusCode(), response.body());
            }
        } catch (java.io.IOException e) {
            log.warn("InfluxDB unreachable, {} points not written: {}", points, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void start() {
        if (enabled()) {
            thread = Thread.ofPlatform().name("worker-influx").daemon().start(this::run);
        }
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        try {
            if (pending.offer(STOP)) {
                t.join(3_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        t.interrupt();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return EventPipeline.PHASE - 1;
    }
}
