package dev.cellmonitor.cutover.gateway.support;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A tiny backend that speaks WebSocket: every text frame is echoed back as {@code <name>:<text>}; plain HTTP
 * requests get {@code {"served":"<name>"}}. Stands in for legacy or new in the WebSocket tests.
 */
public final class EchoBackend implements AutoCloseable {

    private final DisposableServer server;

    public EchoBackend(String name) {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    if ("websocket".equalsIgnoreCase(request.requestHeaders().get("Upgrade"))) {
                        return response.sendWebsocket((in, out) ->
                                out.sendString(in.receive().asString().map(text -> name + ":" + text)));
                    }
                    return response.header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"served\":\"" + name + "\"}"));
                })
                .bindNow();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
