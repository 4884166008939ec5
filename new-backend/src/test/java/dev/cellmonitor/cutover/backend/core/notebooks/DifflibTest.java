package dev.cellmonitor.cutover.backend.core.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Expected values produced by CPython's difflib for the cases in difflib-cases.json. */
class DifflibTest {

    private static JsonNode cases() throws Exception {
        try (InputStream in = DifflibTest.class.getResourceAsStream("/core/notebooks/difflib-cases.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    @Test
    void ratioMatchesSequenceMatcherIncludingTheAutojunkHeuristic() throws Exception {
        for (JsonNode c : cases().get("ratios")) {
            assertThat(Difflib.ratio(c.get("a").asString(), c.get("b").asString()))
                    .as("%s | %s", c.get("a"), c.get("b")).isEqualTo(c.get("ratio").asDouble());
        }
    }

    @Test
    void unifiedDiffMatchesDifflib() throws Exception {
        for (JsonNode c : cases().get("unified_diffs")) {
            assertThat(Difflib.unifiedDiff(strings(c.get("a")), strings(c.get("b")), "cell_x_old", "cell_x_new"))
                    .isEqualTo(strings(c.get("diff")));
        }
    }
}
