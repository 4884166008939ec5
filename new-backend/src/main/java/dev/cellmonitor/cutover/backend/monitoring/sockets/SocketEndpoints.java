package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Registers a socket endpoint the way every legacy socket behaves: any origin is accepted (the legacy checks
 * none) and a request to the path that is not a WebSocket upgrade gets the legacy's catch-all
 * {@code 404 text/plain "Not Found"} instead of Spring's 400/405.
 */
public final class SocketEndpoints {

    private SocketEndpoints() {
    }

    public static void register(WebSocketHandlerRegistry registry, WebSocketHandler handler, String path,
                                HandshakeInterceptor... interceptors) {
        List<HandshakeInterceptor> chain = new ArrayList<>();
        chain.add(new UpgradeOnly());
        chain.addAll(List.of(interceptors));
        registry.addHandler(handler, path)
                .addInterceptors(chain.toArray(HandshakeInterceptor[]::new))
                .setAllowedOriginPatterns("*");
    }

    /** The last path segment of the handshake request, URL-decoded (the legacy's path parameter). */
    public static String lastSegment(ServerHttpRequest request) {
        String path = request.getURI().getRawPath();
        String raw = path.substring(path.lastIndexOf('/') + 1);
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes the legacy's catch-all 404 and refuses the handshake. */
    public static boolean notFound(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NOT_FOUND);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
        try {
            response.getBody().write("Not Found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // the client went away; nothing to answer
        }
        return false;
    }

    private static final class UpgradeOnly implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                       WebSocketHandler wsHandler, Map<String, Object> attributes) {
            String upgrade = request.getHeaders().getFirst(HttpHeaders.UPGRADE);
            if (HttpMethod.GET.equals(request.getMethod()) && upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
                return true;
            }
            return notFound(response);
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler wsHandler, Exception exception) {
        }
    }
}
