package dev.cellmonitor.cutover.backend.core.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.support.ExtrasHttp;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class NotebookVersionControllerTest {

    private static final String BASE = "/api/v1/v1/notebook-version";
    private static final String V1 = """
            {"cells":[{"id":"a","cell_type":"code","source":["x=1\\n","print(x)"],"metadata":{},"execution_count":1,"outputs":[]},
            {"id":"b","cell_type":"markdown","source":["# T"]}],"metadata":{"kernelspec":{"name":"python3"}},"nbformat":4}""";
    private static final String V2 = """
            {"cells":[{"id":"a","cell_type":"code","source":["x=2\\n","print(x)"],"metadata":{},"execution_count":1,"outputs":[]},
            {"id":"b","cell_type":"markdown","source":["# T"]},{"id":"c","cell_type":"code","source":["y=3"]}],
            "metadata":{"kernelspec":{"name":"python3"}},"nbformat":4}""";

    @LocalServerPort
    int port;

    private ExtrasHttp http() {
        return new ExtrasHttp(port);
    }

    private static String path() {
        return "course/週1/" + UUID.randomUUID() + " notes.ipynb";
    }

    private static String encoded(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private JsonNode commitDirect(String path, String content, String message, String branch) {
        var answer = http().post(BASE + "/commit-direct", """
                {"notebook_path":%s,"notebook_content":%s,"commit_message":%s,"author_id":"t-1","author_name":"先生"%s}"""
                .formatted(quote(path), content, quote(message), branch == null ? "" : ",\"branch_name\":" + quote(branch)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void snapshotIdsAreTheLegacyContentHashAndSnapshotsCanBeCommitted() {
        String path = path();
        var created = http().post(BASE + "/snapshot?notebook_path=" + encoded(path),
                "{\"notebook_content\":" + V1 + ",\"author_id\":\"t-1\",\"author_name\":\"x\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode snapshot = created.json().get("snapshot");
        assertThat(snapshot.get("snapshot_id").asString()).isEqualTo("aa4e56268f0199fe");
        assertThat(snapshot.get("notebook_path").asString()).isEqualTo(path);
        assertThat(created.json().get("created_at").asString()).isEqualTo(snapshot.get("created_at").asString());

        assertThat(http().get(BASE + "/snapshot/aa4e56268f0199fe").json().get("snapshot").get("total_lines").asInt())
                .isEqualTo(3);

        var committed = http().post(BASE + "/commit", """
                {"notebook_path":%s,"snapshot_id":"aa4e56268f0199fe","commit_message":"first","author_id":"t-1",
                 "author_name":"x","branch_name":null}""".formatted(quote(path)));
        assertThat(committed.status()).isEqualTo(201);
        JsonNode version = committed.json().get("version");
        assertThat(committed.json().get("version_number").asString()).isEqualTo("v1.0.0");
        assertThat(version.get("version_id").asString()).matches("[0-9a-f]{12}");
        assertThat(version.get("status").asString()).isEqualTo("committed");
        assertThat(version.get("parent_version_id").isNull()).isTrue();
    }

    @Test
    void commitsDiffAgainstTheBranchParentAndComparisonsScoreLikeTheLegacy() {
        String path = path();
        String v1 = commitDirect(path, V1, "one", null).get("version_id").asString();
        JsonNode second = commitDirect(path, V2, "two", null);
        String v2 = second.get("version_id").asString();
        JsonNode version = second.get("version");
        assertThat(version.get("version_number").asString()).isEqualTo("v2.0.0");
        assertThat(version.get("parent_version_id").asString()).isEqualTo(v1);
        assertThat(version.get("total_changes").asInt()).isEqualTo(2);
        assertThat(version.get("cells_added").asInt()).isEqualTo(1);
        assertThat(version.get("cells_modified").asInt()).isEqualTo(1);

        JsonNode comparison = http().get(BASE + "/compare/" + v1 + "/" + v2).json().get("comparison");
        // the contract's worked example (CONTRACT.md, appendix A)
        assertThat(comparison.get("similarity_score").asDouble()).isEqualTo(0.7793859649122807);
        assertThat(comparison.get("summary").toString()).isEqualTo("""
                {"total_changes":2,"cells_added":1,"cells_deleted":0,"cells_modified":1,"cells_moved":0,"lines_added":2,"lines_deleted":1,"lines_modified":0}""");
        assertThat(comparison.get("change_significance").asString()).isEqualTo("minor");
        JsonNode modified = comparison.get("cell_diffs").get(0);
        assertThat(modified.get("cell_id").asString()).isEqualTo("a");
        assertThat(modified.get("line_diffs").toString()).isEqualTo("""
                ["--- cell_a_old","+++ cell_a_new","@@ -1,2 +1,2 @@","-x=1\\n","+x=2\\n"," print(x)"]""");

        JsonNode history = http().get(BASE + "/history/" + encoded(path)).json().get("history");
        assertThat(history.get("versions")).hasSize(2);
        assertThat(history.get("current_version_id").asString()).isEqualTo(v2);
        assertThat(history.get("total_versions").asInt()).isZero();
        assertThat(history.get("total_branches").asInt()).isEqualTo(1);
        assertThat(http().get(BASE + "/latest/" + encoded(path)).json().get("version").get("version_id").asString())
                .isEqualTo(v2);
    }

    @Test
    void branchesStartAtTheirSourceVersionAndNumberTheirOwnCommits() {
        String path = path();
        String v1 = commitDirect(path, V1, "one", null).get("version_id").asString();
        var created = http().post(BASE + "/branch", """
                {"notebook_path":%s,"branch_name":"review","from_version_id":"%s","author_id":"ta"}""".formatted(quote(path), v1));
        assertThat(created.status()).isEqualTo(201);
        String branchId = created.json().get("branch_id").asString();
        JsonNode branch = http().get(BASE + "/branch/" + branchId).json().get("branch");
        assertThat(branch.get("current_version_id").asString()).isEqualTo(v1);
        assertThat(branch.get("total_versions").asInt()).isZero();
        assertThat(branch.get("description").isNull()).isTrue();

        JsonNode onBranch = commitDirect(path, V2, "on review", "review");
        assertThat(onBranch.get("version_number").asString()).isEqualTo("review-v1.0.0");
        assertThat(onBranch.get("version").get("parent_version_id").asString()).isEqualTo(v1);
        assertThat(http().get(BASE + "/latest/" + encoded(path) + "?branch_name=review").json().get("version")
                .get("version_number").asString()).isEqualTo("review-v1.0.0");
        var none = http().get(BASE + "/latest/" + encoded(path) + "?branch_name=nope");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("detail").asString()).isEqualTo("No versions found for notebook: " + path + " on branch: nope");
    }

    @Test
    void unknownIdsAnswer404WithTheLegacyTexts() {
        assertThat(http().get(BASE + "/version/000000000000").json().get("detail").asString())
                .isEqualTo("Version 000000000000 not found");
        assertThat(http().get(BASE + "/snapshot/ffff").json().get("detail").asString()).isEqualTo("Snapshot ffff not found");
        assertThat(http().get(BASE + "/branch/b-1").json().get("detail").asString()).isEqualTo("Branch b-1 not found");
        var history = http().get(BASE + "/history/no/such.ipynb");
        assertThat(history.status()).isEqualTo(404);
        assertThat(history.json().get("detail").asString()).isEqualTo("Version history not found for notebook: no/such.ipynb");

        var commit = http().post(BASE + "/commit", """
                {"notebook_path":"p","snapshot_id":"nope","commit_message":"m","author_id":"a","author_name":"n"}""");
        assertThat(commit.status()).isEqualTo(404);
        assertThat(commit.json().get("detail").asString()).isEqualTo("Snapshot nope not found");

        var branch = http().post(BASE + "/branch", """
                {"notebook_path":"p","branch_name":"b","from_version_id":"nope","author_id":"a"}""");
        assertThat(branch.status()).isEqualTo(404);
        assertThat(branch.json().get("detail").asString()).isEqualTo("Failed to create branch: Source version nope not found");

        var compare = http().get(BASE + "/compare/a/b");
        assertThat(compare.status()).isEqualTo(404);
        assertThat(compare.json().get("detail").asString()).isEqualTo("Failed to compare versions: One or both versions not found");
    }

    @Test
    void validatesEmbeddedBodyFieldsAndQueryLikeFastApi() {
        var missing = http().post(BASE + "/commit", "{\"notebook_path\":\"p\",\"commit_message\":5}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").toString()).isEqualTo("""
                [{"type":"missing","loc":["body","snapshot_id"],"msg":"Field required","input":null},\
                {"type":"string_type","loc":["body","commit_message"],"msg":"Input should be a valid string","input":5},\
                {"type":"missing","loc":["body","author_id"],"msg":"Field required","input":null},\
                {"type":"missing","loc":["body","author_name"],"msg":"Field required","input":null}]""");

        var noPath = http().post(BASE + "/snapshot", "{\"notebook_content\":{},\"author_id\":\"a\"}");
        assertThat(noPath.json().get("detail").toString()).isEqualTo("""
                [{"type":"missing","loc":["query","notebook_path"],"msg":"Field required","input":null},\
                {"type":"missing","loc":["body","author_name"],"msg":"Field required","input":null}]""");

        var notADict = http().post(BASE + "/commit-direct", """
                {"notebook_path":"p","notebook_content":[],"commit_message":"m","author_id":"a","author_name":"n"}""");
        assertThat(notADict.json().get("detail").get(0).get("type").asString()).isEqualTo("dict_type");
    }

    @Test
    void contentTheLegacyCrashesOnIsA422AndStoresNothing() {
        String path = path();
        var bad = http().post(BASE + "/commit-direct", """
                {"notebook_path":%s,"notebook_content":{"cells":[{"cell_type":"sql","source":"x"}]},
                 "commit_message":"m","author_id":"a","author_name":"n"}""".formatted(quote(path)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",\"notebook_content\",\"cells\",0,\"cell_type\"]");
        assertThat(http().get(BASE + "/history/" + encoded(path)).status()).isEqualTo(404);
    }

    @Test
    void simulateCommitCommitsTheFixedSampleNotebook() {
        String path = path();
        var simulated = http().send("POST", BASE + "/simulate-commit?notebook_path=" + encoded(path) + "&author_id=u9",
                null, null);
        assertThat(simulated.status()).isEqualTo(201);
        JsonNode result = simulated.json().get("simulation_result");
        assertThat(result.get("snapshot").get("snapshot_id").asString()).isEqualTo("88f3226eba3bdc23");
        assertThat(result.get("version").get("author_id").asString()).isEqualTo("u9");
        assertThat(result.get("version").get("author_name").asString()).isEqualTo("Test User");
        assertThat(result.get("version").get("commit_message").asString())
                .matches("Simulated commit at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void resetDropsTheHistoryAndAdjustsTheCounters() {
        String path = path();
        JsonNode before = http().get(BASE + "/stats").json().get("stats");
        commitDirect(path, V1, "one", null);
        commitDirect(path, V2, "two", "side");
        JsonNode during = http().get(BASE + "/stats").json().get("stats");
        assertThat(during.get("total_notebooks").asInt()).isEqualTo(before.get("total_notebooks").asInt() + 1);
        assertThat(during.get("total_versions").asInt()).isEqualTo(before.get("total_versions").asInt() + 2);
        assertThat(during.get("total_branches").asInt()).isEqualTo(before.get("total_branches").asInt() + 2);
        assertThat(during.get("system_health").asString()).isEqualTo("healthy");

        var reset = http().delete(BASE + "/reset/" + encoded(path));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("warning").asString()).isEqualTo("This operation cannot be undone");
        assertThat(reset.json().get("notebook_path").asString()).isEqualTo(path);
        JsonNode after = http().get(BASE + "/stats").json().get("stats");
        assertThat(after.get("total_notebooks").asInt()).isEqualTo(before.get("total_notebooks").asInt());
        assertThat(after.get("total_versions").asInt()).isEqualTo(before.get("total_versions").asInt());
        assertThat(after.get("total_commits").asInt()).isEqualTo(before.get("total_commits").asInt() + 2);
        assertThat(http().get(BASE + "/history/" + encoded(path)).status()).isEqualTo(404);
        assertThat(http().delete(BASE + "/reset/never/was.ipynb").status()).isEqualTo(200);
    }

    @Test
    void aPathRouteWithoutItsSlashIsTheCatchAll404() {
        var answer = http().get(BASE + "/history");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text()).isEqualTo("Not Found");
        assertThat(http().get(BASE + "/history/").json().get("detail").asString())
                .isEqualTo("Version history not found for notebook: ");
    }
}
