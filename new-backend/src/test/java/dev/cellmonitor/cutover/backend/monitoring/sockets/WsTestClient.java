package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client for tests: every text frame and the close frame land in a queue. */
public final class WsTestClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A received frame: text, or close with code and reason. */
    public record Frame(String text, int closeCode, String closeReason) {
        public boolean isClose() {
            return text == null;
        }

        public JsonNode json() {
            return JSON.readTree(text);
        }
    }

    /** A handshake the server refused, with its HTTP status and body. */
    public record Refusal(int status, String body) {
    }

    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private WebSocket socket;

    private WsTestClient() {
    }

    public static WsTestClient open(String url) {
        WsTestClient client = new WsTestClient();
        try {
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(url), client.listener()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not open " + url, e);
        }
        return client;
    }

    /** The refusal of a handshake that must fail. */
    public static Refusal refused(String url) {
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), new WsTestClient().listener()).get(10, TimeUnit.SECONDS);
            ws.abort();
            throw new AssertionError("handshake to " + url + " was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                Object body = refused.getResponse().body();
                return new Refusal(refused.getResponse().statusCode(), body == null ? "" : body.toString());
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(new Frame(partial.toString(), 0, null));
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                frames.add(new Frame(null, statusCode, reason));
                return null;
            }
        };
    }

    public WsTestClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public WsTestClient sendJson(Object value) {
        return send(JSON.writeValueAsString(value));
    }

    /** The next frame within the timeout, or null. */
    public Frame next(long millis) {
        try {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next text frame as JSON; fails if none arrives in time. */
    public JsonNode nextJson(long millis) {
        Frame frame = next(millis);
        if (frame == null || frame.isClose()) {
            throw new AssertionError("expected a text frame, got " + frame);
        }
        return frame.json();
    }

    /** Frames until {@code quietMillis} pass without one (or {@code maxMillis} in all). */
    public List<Frame> drain(long quietMillis, long maxMillis) {
        List<Frame> result = new ArrayList<>();
        long deadline = System.currentTimeMillis() + maxMillis;
        while (System.currentTimeMillis() < deadline) {
            Frame frame = next(Math.min(quietMillis, Math.max(1, deadline - System.currentTimeMillis())));
            if (frame == null) {
                break;
            }
            result.add(frame);
        }
        return result;
    }

    /** Client close 1000, then the server's close frame (or null). */
    public Frame closeNormally(long millis) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Frame frame = next(deadline - System.currentTimeMillis());
            if (frame == null || frame.isClose()) {
                return frame;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        if (socket != null) {
            socket.abort();
        }
    }
}
