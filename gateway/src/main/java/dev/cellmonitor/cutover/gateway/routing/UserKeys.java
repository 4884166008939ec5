package dev.cellmonitor.cutover.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriUtils;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.cellmonitor.cutover.catalogue.Route;

/**
 * Finds the canary's user key for a request, in the order: the instructor JWT {@code sub}
 * ({@code Authorization: Bearer}, or the {@code token} query parameter of the instructor WebSocket), a student
 * identifier in the path or query ({@code {email}}, {@code {user_id}}, {@code {client_id}}), the
 * {@code emailAddress} of the first event of an events batch body, then the client address. The JWT is
 * only read for bucketing, never trusted: the backends still verify it.
 */
final class UserKeys {

    static final List<String> STUDENT_PARAMS = List.of("email", "user_id", "client_id");

    private final JsonMapper json = JsonMapper.builder().build();
    private final ClientAddress clientAddress;
    private final Map<String, int[]> studentSegments = new ConcurrentHashMap<>();

    UserKeys(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** The key found without reading the body, or null when only the body or the client address is left. */
    String fromHeadersPathQuery(ServerHttpRequest request, Route route) {
        String sub = jwtSubject(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (sub == null && route.websocket()) {
            String token = request.getQueryParams().getFirst("token");
            sub = token == null ? null : jwtSubject("Bearer " + token);
        }
        if (sub != null) {
            return "sub:" + sub;
        }
        String student = studentFromPath(request, route);
        if (student == null) {
            for (String name : STUDENT_PARAMS) {
                String value = request.getQueryParams().getFirst(name);
                if (value != null && !value.isBlank()) {
                    student = value;
                    break;
                }
            }
        }
        return student == null ? null : "student:" + student;
    }

    /** Whether the body may hold an events batch worth reading for the key. */
    static boolean bodyMayHoldEvents(ServerHttpRequest request) {
        if (!"POST".equals(request.getMethod().name())) {
            return false;
        }
        MediaType type = request.getHeaders().getContentType();
        return type == null || type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
    }

    /** {@code emailAddress} of the first event of a batch (or of a single event object); null if none. */
    String fromEventsBody(DataBuffer body) {
        if (body == null || body.readableByteCount() == 0) {
            return null;
        }
        int start = body.readPosition();
        try (var stream = body.asInputStream(false); JsonParser parser = json.createParser(stream)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY && parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            } else if (first != JsonToken.START_ARRAY && first != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                if (t == JsonToken.PROPERTY_NAME && "emailAddress".equals(parser.currentName())) {
                    JsonToken value = parser.nextToken();
                    String email = value == JsonToken.VALUE_STRING ? parser.getString().trim() : null;
                    return email == null || email.isEmpty() ? null : "student:" + email;
                } else if (t == JsonToken.PROPERTY_NAME) {
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
            return null;
        } catch (Exception malformed) {
            return null;
        } finally {
            // the same buffer is replayed to the backend
            body.readPosition(start);
        }
    }

    String fromClientAddress(ServerHttpRequest request) {
        return "addr:" + clientAddress.of(request);
    }

    private String studentFromPath(ServerHttpRequest request, Route route) {
        int[] positions = studentSegments.computeIfAbsent(route.id(), id -> positions(route.path()));
        if (positions.length == 0) {
            return null;
        }
        String[] segments = request.getPath().value().split("/", -1);
        for (int position : positions) {
            if (position < segments.length && !segments[position].isEmpty()) {
                return UriUtils.decode(segments[position], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int[] positions(String template) {
        String[] segments = template.split("/", -1);
        return java.util.stream.IntStream.range(0, segments.length)
                .filter(i -> STUDENT_PARAMS.stream().anyMatch(p -> segments[i].equals("{" + p + "}")))
                .toArray();
    }

    private String jwtSubject(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode sub = claims.get("sub");
            return sub != null && sub.isString() && !sub.asString().isBlank() ? sub.asString() : null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
