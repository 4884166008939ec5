package dev.cellmonitor.cutover.parity.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One named WebSocket connection of a scenario (FORMAT.md §7), on the JDK's client: frames are queued as they
 * arrive and handed out by {@link #collect}, which waits {@code timeout_ms} or stops 300 ms after it has as many
 * frames as were recorded, so extra frames right behind the expected ones are noticed.
 */
final class WsDriver {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long GRACE_MS = 300;

    private final LinkedBlockingQueue<ObjectNode> frames = new LinkedBlockingQueue<>();
    private volatile boolean ended;
    private WebSocket socket;

    /** The handshake's outcome: an open connection, or the HTTP status and body of a refused upgrade. */
    record Opened(WsDriver connection, int status, String body) {
    }

    static Opened open(HttpClient client, URI uri, Duration connectTimeout) throws IOException, InterruptedException {
        WsDriver driver = new WsDriver();
        try {
            driver.socket = client.newWebSocketBuilder().connectTimeout(connectTimeout)
                    .buildAsync(uri, driver.listener()).get(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Opened(driver, 101, null);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof WebSocketHandshakeException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof WebSocketHandshakeException refused) {
                Object body = refused.getResponse().body();
                return new Opened(null, refused.getResponse().statusCode(), body == null ? "" : body.toString());
            }
            throw new IOException("WebSocket handshake to " + uri + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("WebSocket handshake to " + uri + " timed out");
        }
    }

    void send(String text) throws IOException {
        try {
            socket.sendText(text, true).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("sending a frame failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Starts the client close handshake (code 1000); the server's reply is collected like any frame. */
    void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    void abort() {
        if (socket != null) {
            socket.abort();
        }
    }

    /**
     * The frames that arrived (before and) within {@code timeoutMs}; with {@code expected >= 0}, stops
     * {@value #GRACE_MS} ms after that many frames are in, and always right after a close or end of stream.
     */
    List<ObjectNode> collect(long timeoutMs, int expected) throws InterruptedException {
        List<ObjectNode> out = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long early = expected == 0 ? start + TimeUnit.MILLISECONDS.toNanos(GRACE_MS) : Long.MAX_VALUE;
        while (true) {
            long until = Math.min(deadline, early);
            long wait = until - System.nanoTime();
            ObjectNode frame = wait > 0 ? frames.poll(wait, TimeUnit.NANOSECONDS) : frames.poll();
            if (frame == null) {
                break;
            }
            out.add(frame);
            String type = frame.path("type").asString();
            if (type.equals("close") || type.equals("eof")) {
                break;
            }
            if (expected >= 0 && out.size() >= expected && early == Long.MAX_VALUE) {
                early = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
            }
        }
        return out;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frames.add(textFrame(text.toString()));
                    text.setLength(0);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                binary.writeBytes(bytes);
                if (last) {
                    byte[] all = binary.toByteArray();
                    binary.reset();
                    ObjectNode f = NODES.objectNode().put("type", "binary");
                    f.putObject("data").put("sha256", HttpDriver.sha256(all)).put("length", all.length);
                    frames.add(f);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                ended = true;
                frames.add(NODES.objectNode().put("type", "close").put("code", statusCode).put("reason", reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                if (!ended) {
                    ended = true;
                    frames.add(NODES.objectNode().put("type", "eof"));
                }
            }
        };
    }

    static ObjectNode textFrame(String raw) {
        ObjectNode f = NODES.objectNode().put("type", "text").put("raw", raw);
        JsonNode data;
        try {
            data = JSON.readTree(raw);
            if (data == null || data.isMissingNode()) {
                data = NODES.stringNode(raw);
            }
        } catch (JacksonException e) {
            data = NODES.stringNode(raw);
        }
        f.set("data", data);
        return f;
    }
}
