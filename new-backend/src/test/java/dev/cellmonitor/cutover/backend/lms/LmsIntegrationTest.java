package dev.cellmonitor.cutover.backend.lms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the LMS integration tests (each also carries {@code @BackendIntegrationTest}): one Spring context and
 * database for all of them, a raw HTTP client, and one throw-away static directory for the JVM (removed at exit).
 * The request cap is lowered to 12 MiB so the "cut off while reading" path can be tested without sending 64 MiB,
 * while a 10 MiB + 1 byte file still reaches the route's own size check.
 */
public abstract class LmsIntegrationTest {

    public static final Path STATIC_DIR = createTemporaryDirectory();
    public static final long REQUEST_CAP = 12L * 1024 * 1024;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected LmsHttp http;

    @BeforeEach
    void connect() {
        http = new LmsHttp(port);
    }

    @DynamicPropertySource
    static void staticDirectory(DynamicPropertyRegistry registry) {
        registry.add("cellmonitor.lms.static.directory", STATIC_DIR::toString);
        registry.add("cellmonitor.lms.maps.max-request-bytes", () -> REQUEST_CAP);
    }

    /** Empties the maps directory and the loose files of the static root. */
    public static void clearStaticDirectory() {
        try (Stream<Path> all = Files.walk(STATIC_DIR)) {
            all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(STATIC_DIR) && !p.equals(STATIC_DIR.resolve("maps")))
                    .forEach(LmsIntegrationTest::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTemporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("lms-static-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (Files.exists(dir)) {
                    try (Stream<Path> all = Files.walk(dir)) {
                        all.sorted(Comparator.reverseOrder()).forEach(LmsIntegrationTest::delete);
                    } catch (IOException ignored) {
                        // best effort at exit
                    }
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
