package dev.cellmonitor.cutover.backend.lms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that touch the static directory: one throw-away directory for the JVM (removed at exit) and
 * one Spring context for all of them. The request cap is lowered to 12 MiB so the "cut off while reading" path
 * can be tested without sending 64 MiB, while a 10 MiB + 1 byte file still reaches the route's own size check.
 */
public abstract class SharedStaticDirectory {

    public static final Path STATIC_DIR = createTemporaryDirectory();
    public static final long REQUEST_CAP = 12L * 1024 * 1024;

    @DynamicPropertySource
    static void staticDirectory(DynamicPropertyRegistry registry) {
        registry.add("cellmonitor.lms.static.directory", STATIC_DIR::toString);
        registry.add("cellmonitor.lms.maps.max-request-bytes", () -> REQUEST_CAP);
    }

    /** Empties the maps directory and the loose files of the static root. */
    public static void clearStaticDirectory() {
        try (Stream<Path> all = Files.walk(STATIC_DIR)) {
            all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(STATIC_DIR) && !p.equals(STATIC_DIR.resolve("maps")))
                    .forEach(SharedStaticDirectory::delete);
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
                        all.sorted(Comparator.reverseOrder()).forEach(SharedStaticDirectory::delete);
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
