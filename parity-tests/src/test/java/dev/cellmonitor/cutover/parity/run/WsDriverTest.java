package dev.cellmonitor.cutover.parity.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/**
 * The WebSocket side of the runner against a minimal RFC 6455 server on loopback: refused handshakes keep their
 * status and body, frames are collected with the early stop, a client close collects the server's close reply.
 */
class WsDriverTest {

    private ServerSocket server;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        pool.submit(() -> {
            while (!server.isClosed()) {
                Socket s = server.accept();
                pool.submit(() -> serve(s));
            }
            return null;
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        pool.shutdownNow();
        client.close();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
    }

    @Test
    void refusedHandshakesKeepStatusAndBody() throws Exception {
        WsDriver.Opened forbidden = WsDriver.open(client, uri("/refuse403"), Duration.ofSeconds(5));
        assertThat(forbidden.connection()).isNull();
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).isEmpty();
        WsDriver.Opened error = WsDriver.open(client, uri("/refuse500"), Duration.ofSeconds(5));
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.body()).isEqualTo("Internal Server Error");
    }

    @Test
    void collectsFramesAndTheCloseReply() throws Exception {
        WsDriver.Opened opened = WsDriver.open(client, uri("/ws"), Duration.ofSeconds(5));
        assertThat(opened.status()).isEqualTo(101);
        WsDriver ws = opened.connection();
        long t0 = System.nanoTime();
        List<ObjectNode> welcome = ws.collect(5000, 1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("stops 300 ms after the expected frame")
                .isLessThan(Duration.ofSeconds(3));
        assertThat(welcome).singleElement().satisfies(f -> {
            assertThat(f.path("type").asString()).isEqualTo("text");
            assertThat(f.path("data").path("type").asString()).isEqualTo("welcome");
        });
        ws.send("手を挙げています");
        assertThat(ws.collect(2000, 1)).singleElement()
                .satisfies(f -> assertThat(f.path("data").path("echo").asString()).isEqualTo("手を挙げています"));
        ws.send("not json");
        assertThat(ws.collect(2000, 1)).singleElement()
                .satisfies(f -> assertThat(f.path("raw").asString()).contains("not json"));
        ws.close();
        assertThat(ws.collect(2000, 1)).singleElement().satisfies(f -> {
            assertThat(f.path("type").asString()).isEqualTo("close");
            assertThat(f.path("code").asInt()).isEqualTo(1000);
        });
        ws.abort();
    }

    // --- a minimal server: enough of RFC 6455 for the tests above ---

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            String request = head(in);
            String path = request.split(" ")[1];
            if (path.startsWith("/refuse403")) {
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes());
                return;
            }
            if (path.startsWith("/refuse500")) {
                out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: 21\r\nConnection: close\r\n\r\nInternal Server Error").getBytes());
                return;
            }
            String key = request.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                    .findFirst().orElseThrow().split(":", 2)[1].trim();
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes());
            frame(out, 1, "{\"type\": \"welcome\"}".getBytes(StandardCharsets.UTF_8));
            DataInputStream data = new DataInputStream(in);
            while (true) {
                int b0 = data.readUnsignedByte();
                int b1 = data.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = data.readUnsignedShort();
                } else if (len == 127) {
                    len = data.readLong();
                }
                byte[] mask = new byte[4];
                data.readFully(mask);
                byte[] payload = new byte[(int) len];
                data.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 8) {
                    frame(out, 8, new byte[] {0x03, (byte) 0xe8});
                    return;
                }
                String text = new String(payload, StandardCharsets.UTF_8);
                frame(out, 1, ("{\"echo\": \"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            // the client went away
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            buf.write(c);
            String s = buf.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        throw new IOException("no request");
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(payload);
        out.flush();
    }
}
