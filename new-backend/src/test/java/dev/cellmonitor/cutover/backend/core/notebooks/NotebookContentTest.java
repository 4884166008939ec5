package dev.cellmonitor.cutover.backend.core.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.backend.web.ValidationException;
import tools.jackson.databind.json.JsonMapper;

class NotebookContentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void snapshotIdIsTheLegacyHashOfTheContent() {
        String contractVector = """
                {"cells":[{"id":"a","cell_type":"code","source":["x=1\\n","print(x)"],"metadata":{},"execution_count":1,
                "outputs":[]},{"id":"b","cell_type":"markdown","source":["# T"]}],"metadata":{"kernelspec":{"name":"python3"}},
                "nbformat":4}""";
        assertThat(NotebookContent.snapshotId(JSON.readTree(contractVector))).isEqualTo("aa4e56268f0199fe");
        assertThat(NotebookContent.snapshotId(SampleNotebook.content())).isEqualTo("88f3226eba3bdc23");
    }

    @Test
    void buildsCellsWithCountsAndDefaults() {
        Snapshot s = NotebookContent.snapshot("n.ipynb", JSON.readTree("""
                {"cells":[{"source":["ab\\n","日本"]},{"id":"m","cell_type":"markdown","source":[]}],
                 "metadata":{"kernelspec":{"name":"python3"}}}"""), List.of("body", "notebook_content"));
        assertThat(s.cells()).hasSize(2);
        Cell first = s.cells().getFirst();
        assertThat(first.cellType()).isEqualTo("code");
        assertThat(first.cellId()).hasSize(36);
        assertThat(first.characterCount()).isEqualTo(5);
        Map<String, Object> map = s.toMap();
        assertThat(map).containsEntry("total_cells", 2).containsEntry("total_lines", 2).containsEntry("total_characters", 5)
                .containsEntry("code_cells_count", 1L).containsEntry("markdown_cells_count", 1L);
        assertThat(map.get("kernel_spec").toString()).isEqualTo("{\"name\":\"python3\"}");
    }

    @Test
    void reportsContentTheLegacyCrashesOnWithItsLocation() {
        assertThatThrownBy(() -> NotebookContent.snapshot("n", JSON.readTree("""
                {"cells":[{"cell_type":"sql","source":"x"}, 5], "metadata":[]}"""), List.of("body", "notebook_content")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(err -> err.get("loc").toString())
                        .containsExactly("[body, notebook_content, cells, 0, cell_type]",
                                "[body, notebook_content, cells, 0, source]", "[body, notebook_content, cells, 1]",
                                "[body, notebook_content, metadata]"));
    }
}
