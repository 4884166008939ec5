package dev.cellmonitor.cutover.backend.lms.statics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.lms.LmsHttp.Reply;
import dev.cellmonitor.cutover.backend.lms.LmsIntegrationTest;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

@BackendIntegrationTest
class StaticFilesControllerTest extends LmsIntegrationTest {

    @BeforeEach
    void setUp() {
        clearStaticDirectory();
    }

    Path write(String name, String content) throws Exception {
        Path file = STATIC_DIR.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void servesFilesWithTheTypeFromTheExtension() throws Exception {
        write("app.css", "body{}");
        write("data.json", "{}");
        write("notes.xyz", "?");
        write("img/LOGO.PNG", "png");
        write("a b.txt", "spaced");
        assertThat(http.get("/static/app.css").contentType()).isEqualTo("text/css;charset=utf-8");
        assertThat(http.get("/static/app.css").text()).isEqualTo("body{}");
        assertThat(http.get("/static/data.json").contentType()).isEqualTo("application/json");
        assertThat(http.get("/static/notes.xyz").contentType()).isEqualTo("text/plain;charset=utf-8");
        assertThat(http.get("/static/img/LOGO.PNG").contentType()).isEqualTo("image/png");
        assertThat(http.get("/static/a%20b.txt").text()).isEqualTo("spaced");
        assertThat(http.get("/static/app.css").header("content-disposition")).isNull();
    }

    @Test
    void computesTheEtagLikeStarletteAndAnswersConditionalRequests() throws Exception {
        Path file = write("five.txt", "12345");
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1732838748, 543151400)));
        Reply reply = http.get("/static/five.txt");
        assertThat(reply.header("etag")).isEqualTo("\"baf65c309f38184a6f0ff4e503eb4e59\"");
        assertThat(reply.header("last-modified")).isEqualTo("Fri, 29 Nov 2024 00:05:48 GMT");
        assertThat(reply.header("content-length")).isEqualTo("5");

        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1732838748)));
        assertThat(http.get("/static/five.txt").header("etag")).isEqualTo("\"c509013601da0b61aa04e2be6662ebc0\"");

        Reply notModified = http.send(HttpRequest.newBuilder(http.uri("/static/five.txt"))
                .header("If-None-Match", "\"c509013601da0b61aa04e2be6662ebc0\"").GET());
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.bytes()).isEmpty();
    }

    @Test
    void answersHeadWithoutABody() throws Exception {
        write("head.txt", "abc");
        Reply head = http.send(HttpRequest.newBuilder(http.uri("/static/head.txt"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
        assertThat(head.contentType()).isEqualTo("text/plain;charset=utf-8");
    }

    @Test
    void answersMissingFilesAndDirectoriesWithJson404() throws Exception {
        write("maps/x.jpg", "x");
        Reply missing = http.get("/static/no_such_file.css");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/json");
        assertThat(missing.text()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(http.get("/static/").text()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(http.get("/static/maps").text()).isEqualTo("{\"detail\":\"Not Found\"}");
        Reply bare = http.get("/static");
        assertThat(bare.status()).isEqualTo(404);
        assertThat(bare.text()).isEqualTo("Not Found");
        assertThat(bare.contentType()).startsWith("text/plain");
    }

    @Test
    void refusesOtherMethodsWithJson405() {
        Reply post = http.send("POST", "/static/anything.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.text()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        assertThat(http.delete("/static/anything.txt").status()).isEqualTo(405);
    }

    @Test
    void neverServesFilesOutsideTheDirectory() throws Exception {
        Path outside = Files.createTempFile("outside-", ".txt");
        try {
            Files.writeString(outside, "secret");
            Files.createSymbolicLink(STATIC_DIR.resolve("link.txt"), outside);
            assertThat(http.get("/static/link.txt").status()).isEqualTo(404);
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void shipsAWorkingWebSocketTestPageUnlessTheDirectoryHasOne() throws Exception {
        Reply bundled = http.get("/static/websocket_test.html");
        assertThat(bundled.status()).isEqualTo(200);
        assertThat(bundled.contentType()).isEqualTo("text/html;charset=utf-8");
        assertThat(bundled.text()).contains("<title>WebSocket進捗通知テスト</title>", "/api/v1/v1/ws/", "/api/v1/events");
        assertThat(bundled.header("etag")).isNotNull();

        write("websocket_test.html", "<title>shared</title>");
        assertThat(http.get("/static/websocket_test.html").text()).isEqualTo("<title>shared</title>");
    }
}
