package dev.cellmonitor.cutover.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import dev.cellmonitor.cutover.catalogue.Route;
import dev.cellmonitor.cutover.catalogue.RouteCatalogue;

class UserKeysTest {

    private static final RouteCatalogue CATALOGUE = RouteCatalogue.load();
    private final UserKeys keys = new UserKeys(new ClientAddress(List.of("127.0.0.1/8", "10.0.0.0/8")));

    private static Route route(String id) {
        return CATALOGUE.byId(id).orElseThrow();
    }

    private static String jwt(String sub) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + sub + "\",\"exp\":1}").getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void prefersTheInstructorJwtSubject() {
        var request = MockServerHttpRequest.get("/api/v1/dashboard/students/s1@example.com/activity")
                .header("Authorization", "Bearer " + jwt("teacher@example.com")).build();
        assertThat(keys.fromHeadersPathQuery(request, route("get-dashboard-students-email-activity")))
                .isEqualTo("sub:teacher@example.com");
    }

    @Test
    void readsTheInstructorSocketTokenFromTheQuery() {
        var request = MockServerHttpRequest.get("/api/v1/instructor/ws/instructor/1?token=" + jwt("t@example.com")).build();
        assertThat(keys.fromHeadersPathQuery(request, route("ws-instructor-ws-instructor-instructor-id")))
                .isEqualTo("sub:t@example.com");
    }

    @Test
    void thenAStudentIdentifierInThePathThenInTheQuery() {
        var path = MockServerHttpRequest.method(HttpMethod.GET,
                URI.create("/api/v1/dashboard/students/s%40example.com/activity?user_id=other")).build();
        assertThat(keys.fromHeadersPathQuery(path, route("get-dashboard-students-email-activity")))
                .isEqualTo("student:s@example.com");
        var ws = MockServerHttpRequest.get("/api/v1/v1/ws/client-7?room=default").build();
        assertThat(keys.fromHeadersPathQuery(ws, route("ws-v1-ws-client-id"))).isEqualTo("student:client-7");
        var query = MockServerHttpRequest.get("/api/v1/classes/?email=q@example.com").build();
        assertThat(keys.fromHeadersPathQuery(query, route("get-classes"))).isEqualTo("student:q@example.com");
    }

    @Test
    void ignoresAMalformedBearerToken() {
        var request = MockServerHttpRequest.get("/api/v1/v1/progress/student/u1")
                .header("Authorization", "Bearer not-a-jwt").build();
        assertThat(keys.fromHeadersPathQuery(request, route("get-v1-progress-student-user-id"))).isEqualTo("student:u1");
    }

    @Test
    void thenTheFirstEventsEmailAddress() {
        var body = DefaultDataBufferFactory.sharedInstance.wrap(
                "[{\"eventId\":\"e1\",\"meta\":{\"emailAddress\":\"nested@x\"},\"emailAddress\":\"first@example.com\"},{\"emailAddress\":\"second@example.com\"}]"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(keys.fromEventsBody(body)).isEqualTo("student:first@example.com");
        assertThat(body.readPosition()).isZero();
        assertThat(keys.fromEventsBody(DefaultDataBufferFactory.sharedInstance.wrap("[]".getBytes()))).isNull();
        assertThat(keys.fromEventsBody(DefaultDataBufferFactory.sharedInstance.wrap("{oops".getBytes()))).isNull();
        assertThat(keys.fromEventsBody(DefaultDataBufferFactory.sharedInstance.wrap(
                "{\"emailAddress\":\"single@example.com\"}".getBytes()))).isEqualTo("student:single@example.com");
    }

    @Test
    void finallyTheClientAddressBehindTrustedProxiesOnly() {
        var direct = MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress("203.0.113.9", 5000))
                .header("X-Forwarded-For", "198.51.100.1").build();
        assertThat(keys.fromClientAddress(direct)).as("an untrusted peer cannot claim an address")
                .isEqualTo("addr:203.0.113.9");

        var proxied = MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress("127.0.0.1", 5000))
                .header("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.1.2.3").build();
        assertThat(keys.fromClientAddress(proxied)).as("rightmost hop that is not a trusted proxy")
                .isEqualTo("addr:198.51.100.7");
    }
}
