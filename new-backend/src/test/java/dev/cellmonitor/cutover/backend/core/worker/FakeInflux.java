package dev.cellmonitor.cutover.backend.core.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A tiny stand-in for InfluxDB 2 on loopback: records {@code /api/v2/write} requests, answers {@code /health}. */
final class FakeInflux {

    record Write(String query, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    volatile boolean healthy = true;

    FakeInflux() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v2/write", exchange -> {
            writes.add(new Write(exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            answer(exchange, 204, "");
        });
        server.createContext("/health", exchange -> answer(exchange, healthy ? 200 : 503, healthy
                ? "{\"name\":\"influxdb\",\"message\":\"ready for queries and writes\",\"status\":\"pass\",\"checks\":[],\"version\":\"v2.7.0-test\"}"
                : "{\"name\":\"influxdb\",\"message\":\"down\",\"status\":\"fail\"}"));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every line written so far. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Write w : writes) {
            for (String line : w.body().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    List<Write> writes() {
        return writes;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
