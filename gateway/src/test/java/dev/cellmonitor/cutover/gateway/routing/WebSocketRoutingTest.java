package dev.cellmonitor.cutover.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import dev.cellmonitor.cutover.gateway.support.EchoBackend;
import dev.cellmonitor.cutover.gateway.support.GatewayInstance;
import dev.cellmonitor.cutover.testsupport.TestDatabases;

/** WebSockets are routed at the handshake; a flip never cuts an open connection, new ones go to the new side. */
class WebSocketRoutingTest {

    static EchoBackend legacy;
    static EchoBackend fresh;
    static String database;
    static GatewayInstance gateway;

    @BeforeAll
    static void start() {
        legacy = new EchoBackend("legacy");
        fresh = new EchoBackend("new");
        database = TestDatabases.create("gw_ws");
        gateway = GatewayInstance.start(database, legacy.url(), fresh.url());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        TestDatabases.drop(database);
        legacy.close();
        fresh.close();
    }

    /** An open client connection: frames sent through {@link #send}, replies collected in order. */
    static final class Socket implements AutoCloseable {
        final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
        final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        final Disposable connection;

        Socket(String path) {
            URI uri = URI.create("ws://127.0.0.1:" + gateway.port() + path);
            connection = new ReactorNettyWebSocketClient().execute(uri, session -> session
                    .send(outgoing.asFlux().map(session::textMessage))
                    .and(session.receive().doOnNext(m -> replies.add(m.getPayloadAsText())).then()))
                    .subscribe();
        }

        String say(String text) throws InterruptedException {
            outgoing.tryEmitNext(text);
            String reply = replies.poll(10, TimeUnit.SECONDS);
            assertThat(reply).as("reply to " + text).isNotNull();
            return reply;
        }

        @Override
        public void close() {
            outgoing.tryEmitComplete();
            connection.dispose();
        }
    }

    private static double openSockets(String backend) {
        var gauge = gateway.bean(MeterRegistry.class).find("cutover.websocket.connections")
                .tags("route", "ws-v1-ws-client-id", "backend", backend).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    @Test
    void routesAtTheHandshakeAndLetsOpenConnectionsDrainAfterAFlip() throws Exception {
        try (Socket before = new Socket("/api/v1/v1/ws/student-1?room=default")) {
            assertThat(before.say("hello")).isEqualTo("legacy:hello");

            gateway.ops().post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("group", "core", "stage", "NEW", "reason", "core sockets move"))
                    .exchange().expectStatus().isOk();

            try (Socket after = new Socket("/api/v1/v1/ws/student-2?room=default")) {
                assertThat(after.say("hello")).isEqualTo("new:hello");
                assertThat(before.say("still there?")).as("the open connection is not cut")
                        .isEqualTo("legacy:still there?");
                assertThat(openSockets("legacy")).isEqualTo(1.0);
                assertThat(openSockets("new")).isEqualTo(1.0);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> openSockets("legacy") == 0 && openSockets("new") == 0);
    }

    @Test
    void plainHttpRequestsOnTheSameBackendsStillCarryTheServedByHeader() {
        gateway.client().get().uri("/api/v1/health/live").exchange().expectStatus().isOk()
                .expectHeader().exists("X-Served-By");
    }
}
