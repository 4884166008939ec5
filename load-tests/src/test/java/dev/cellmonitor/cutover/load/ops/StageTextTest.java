package dev.cellmonitor.cutover.load.ops;

import dev.cellmonitor.cutover.load.JsonHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StageTextTest {

    @Test
    void listsGroupStagesAndCountsRouteStages() {
        String answer = """
                {"groups":[{"group":"core","stage":"CANARY","percentage":25},{"group":"lms","stage":"NEW"}],
                 "routes":[{"id":"post-events","group":"core","stage":"CANARY","percentage":25},
                           {"id":"get-classes","group":"lms","stage":"NEW"},{"id":"get-health","group":"core","stage":"LEGACY"}]}
                """;
        assertThat(StageText.of(JsonHttp.JSON.readTree(answer)))
                .isEqualTo("core CANARY 25%, lms NEW; routes: 1 CANARY 25% 1 LEGACY 1 NEW");
    }
}
