package dev.cellmonitor.cutover.parity.divergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DivergenceBookTest {

    private static final String HEADER = """
            # Intentional differences from the legacy
            | key | meaning |
            |---|---|
            | `status` | `{"legacy": [500], "candidate": [400, 404, 409]}`: when ... |

            ## core

            | id | route | legacy | new side | parity rule |
            |---|---|---|---|---|
            """;

    private static DivergenceBook parse(String rows) {
        return DivergenceBook.parse((HEADER + rows).lines().toList(), "divergences.md");
    }

    @Test
    void readsTheRuleOfEveryRowUnderASectionAndNotTheKeyTable() {
        DivergenceBook book = parse("""
                | CX-1 | `ANY /socket.io/` | 500 | 404 | `{"route": "ANY /socket.io/", "status": {"legacy": [500], "candidate": [404]}, "body": "any"}` |
                | A-7 | reads | 500 | 200 | `{"route": "~^(GET /api/v1/instructors/.*\\|GET /api/v1/auth/me)$", "status": {"legacy": [500], "candidate": [200, 401]}}` |
                | MO-4 | dashboard | Influx | PG | `{"route": "~^GET /api/v1/dashboard/(overview\\u007cmetrics)$", "rules": [{"path": "/activityChart", "kind": "ignore"}]}` |
                | MO-6 | ws | closes | keeps | `{"route": "WS /api/v1/v1/ws/{client_id}", "ws": ["no_close", "extra_frames"]}` |
                | LMS-20 | db | kept | gone | `{"route": "DB classroom_maps", "step": "p09_admin_settings_classroom_maps#46", "rules": [{"path": "", "kind": "ignore"}]}` |
                """);
        assertThat(book.all()).extracting(Divergence::id).containsExactly("CX-1", "A-7", "MO-4", "MO-6", "LMS-20");
        Divergence socketIo = book.all().getFirst();
        assertThat(socketIo.section()).isEqualTo("core");
        assertThat(socketIo.status().body()).isEqualTo(Divergence.Body.ANY);
        assertThat(socketIo.appliesToRoute("ANY /socket.io/", "p01", "x", 15)).isTrue();
        Divergence reads = book.all().get(1);
        assertThat(reads.status().body()).as("body defaults to same").isEqualTo(Divergence.Body.SAME);
        assertThat(reads.appliesToRoute("GET /api/v1/auth/me", "p02", "me", 8)).isTrue();
        assertThat(reads.appliesToRoute("PUT /api/v1/auth/password", "p02", "pw", 9)).isFalse();
        assertThat(book.all().get(2).appliesToRoute("GET /api/v1/dashboard/metrics", "p04", "m", 3)).isTrue();
        assertThat(book.all().get(3).ws()).containsExactlyInAnyOrder(Divergence.Ws.NO_CLOSE, Divergence.Ws.EXTRA_FRAMES);
        Divergence db = book.all().get(4);
        assertThat(db.appliesToTable("classroom_maps", "GET /api/v1/classroom/maps", "p09_admin_settings_classroom_maps",
                "db snapshot", 46)).isTrue();
        assertThat(db.appliesToTable("classroom_maps", "GET /api/v1/classroom/maps", "p09_admin_settings_classroom_maps",
                "db snapshot", 39)).as("only the named step").isFalse();
        assertThat(book.warnings()).isEmpty();
    }

    @Test
    void unknownKeysAndEmptyRulesAreWarningsNotErrors() {
        DivergenceBook book = parse("""
                | X-1 | r | a | b | `{"route": "GET /", "status": {"legacy": [500], "candidate": [200]}, "colour": "red"}` |
                | X-2 | r | a | b | `{"route": "~^GET /api/v1/v1/progress/", "rules": []}` |
                """);
        assertThat(book.all()).hasSize(2);
        assertThat(book.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("colour"))
                .anySatisfy(w -> assertThat(w).contains("accepts nothing"));
    }

    @Test
    void anUnreadableRuleFailsLoudlyWithItsLine() {
        assertThatThrownBy(() -> parse("""
                | X-1 | r | a | b | `{"route": "GET /", "status": {"legacy": [500], "candidate": [200]}, "body": "whatever"}` |
                | X-5 | r | a | b | `{"route": "GET /", "status": {"legacy": [500]}}` |
                | X-2 | r | a | b | `{"route": "GET /" "rules": []}` |
                | X-3 | r | a | b | `{"status": {"legacy": [500], "candidate": [200]}}` |
                | X-4 | r | a | b | `{"route": "WS /x", "ws": "sometimes"}` |
                """)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("divergences.md:10 (X-1)").hasMessageContaining("body")
                .hasMessageContaining("(X-2): not JSON").hasMessageContaining("(X-3): \"route\" is required")
                .hasMessageContaining("(X-4)").hasMessageContaining("(X-5): \"status.candidate\"");
    }

    @Test
    void theRepositorysOwnDivergencesFileIsReadable() {
        Path file = Path.of(System.getProperty("parity.divergences", "../docs/divergences.md"));
        assumeTrue(Files.exists(file), "no " + file);
        DivergenceBook book = DivergenceBook.load(file);
        assertThat(book.all()).allSatisfy(d -> assertThat(d.id()).isNotBlank());
        assertThat(List.copyOf(book.warnings())).isNotNull();
    }
}
