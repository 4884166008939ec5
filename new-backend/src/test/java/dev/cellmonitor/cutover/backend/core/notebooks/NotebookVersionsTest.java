package dev.cellmonitor.cutover.backend.core.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.web.ApiException;
import tools.jackson.databind.json.JsonMapper;

/** The store's bounds, which the legacy does not have. */
class NotebookVersionsTest {

    private static Snapshot snapshot(String path, int n) {
        return NotebookContent.snapshot(path, JsonMapper.builder().build().readTree(
                "{\"cells\":[{\"id\":\"c\",\"source\":[\"x=" + n + "\"]}]}"), List.of("body", "notebook_content"));
    }

    private static void assert507(Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status().value()).isEqualTo(507));
    }

    @Test
    void refusesNotebooksVersionsAndBranchesBeyondTheLimits() {
        NotebookVersions store = new NotebookVersions(new NotebookVersionsProperties(1, 2, 3, 100));
        store.commitNew("a", snapshot("a", 1), "m", "u", "n", "main");
        store.commitNew("a", snapshot("a", 2), "m", "u", "n", "side");
        assert507(() -> store.commitNew("b", snapshot("b", 3), "m", "u", "n", "main"));
        assert507(() -> store.commitNew("a", snapshot("a", 4), "m", "u", "n", "main"));
        assertThat(store.stats().get("total_versions")).isEqualTo(2);
        assertThat(store.stats().get("total_branches")).isEqualTo(2);
    }

    @Test
    void dropsTheOldestUnusedSnapshotsFirst() {
        NotebookVersions store = new NotebookVersions(new NotebookVersionsProperties(10, 10, 10, 2));
        Snapshot committed = snapshot("a", 1);
        store.commitNew("a", committed, "m", "u", "n", "main");
        Snapshot unused = snapshot("a", 2);
        store.addSnapshot(unused);
        Snapshot newest = snapshot("a", 3);
        store.addSnapshot(newest);
        assertThat(store.snapshot(committed.snapshotId())).isNotNull();
        assertThat(store.snapshot(unused.snapshotId())).isNull();
        assertThat(store.snapshot(newest.snapshotId())).isNotNull();
    }
}
