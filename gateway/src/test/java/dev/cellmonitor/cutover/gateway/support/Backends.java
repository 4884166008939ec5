package dev.cellmonitor.cutover.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The two WireMock backends every HTTP test talks to, started once per test JVM (so the Spring test context
 * is shared between test classes). Each answers any request with {@code {"served":"<name>"}} until a test
 * stubs something more specific.
 */
public final class Backends {

    public static final WireMockServer LEGACY = start();
    public static final WireMockServer NEW = start();

    private Backends() {
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(24).jettyAcceptors(1));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Forgets all stubs and requests and installs the catch-all answer naming the backend. */
    public static void reset() {
        reset(LEGACY, "legacy");
        reset(NEW, "new");
    }

    private static void reset(WireMockServer server, String name) {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"served\":\"" + name + "\"}")));
    }
}
