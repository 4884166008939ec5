package dev.cellmonitor.cutover.backend.core.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.cellmonitor.cutover.backend.support.ExtrasHttp;
import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;
import tools.jackson.databind.JsonNode;

@BackendIntegrationTest
class EnvironmentControllerTest {

    private static final String BASE = "/api/v1/v1/environment";
    private static final String NAIVE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";

    @LocalServerPort
    int port;

    private ExtrasHttp http() {
        return new ExtrasHttp(port);
    }

    @Test
    void currentDescribesTheJvmInTheLegacyShape() {
        JsonNode body = http().get(BASE + "/current").json();
        JsonNode snapshot = body.get("snapshot");
        assertThat(snapshot.propertyNames()).containsExactly("snapshot_id", "captured_at", "python_env", "system_env",
                "jupyter_env", "notebook_path", "cell_id", "execution_count", "memory_usage_mb", "cpu_usage_percent",
                "is_full_snapshot", "changed_packages", "collection_duration_ms");
        assertThat(snapshot.get("python_env").propertyNames()).containsExactly("python_version", "python_implementation",
                "python_executable", "virtual_env", "conda_env", "pip_version", "key_packages", "total_packages_count");
        assertThat(snapshot.get("python_env").get("python_version").asString())
                .isEqualTo(Runtime.version().feature() + "." + Runtime.version().interim() + "." + Runtime.version().update());
        assertThat(snapshot.get("system_env").propertyNames()).containsExactly("os_name", "os_version", "platform",
                "architecture", "hostname", "cpu_count", "memory_total_gb", "disk_free_gb");
        assertThat(snapshot.get("system_env").get("cpu_count").asInt()).isPositive();
        assertThat(snapshot.get("jupyter_env").propertyNames()).containsExactly("jupyterlab_version",
                "jupyter_core_version", "ipython_version", "kernel_name", "kernel_id", "extensions");
        assertThat(snapshot.get("captured_at").asString()).matches(NAIVE);
        assertThat(snapshot.get("snapshot_id").asString()).hasSize(36);
        assertThat(body.get("collection_time_ms").isDouble()).isTrue();
        assertThat(body.get("message").asString()).isEqualTo("Current environment information collected successfully");
    }

    @Test
    void snapshotEchoesItsContextAndCollectsFullyOnlyWhenDue() {
        http().get(BASE + "/current");
        var created = http().send("POST", BASE + "/snapshot?notebook_path=lessons/a.ipynb&cell_id=c1&execution_count=7",
                null, null);
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("snapshot_id").asString()).isEqualTo(body.get("snapshot").get("snapshot_id").asString());
        assertThat(body.get("snapshot").get("notebook_path").asString()).isEqualTo("lessons/a.ipynb");
        assertThat(body.get("snapshot").get("execution_count").asInt()).isEqualTo(7);
        assertThat(body.get("snapshot").get("is_full_snapshot").asBoolean()).isFalse();
        assertThat(body.get("changed_packages_count").asInt()).isZero();

        JsonNode forced = http().send("POST", BASE + "/snapshot?force_full_collection=true", null, null).json();
        assertThat(forced.get("snapshot").get("is_full_snapshot").asBoolean()).isTrue();
    }

    @Test
    void validatesQueryParametersLikeFastApi() {
        var badCount = http().send("POST", BASE + "/snapshot?execution_count=seven", null, null);
        assertThat(badCount.status()).isEqualTo(422);
        assertThat(badCount.json().get("detail").toString()).isEqualTo("""
                [{"type":"int_parsing","loc":["query","execution_count"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"seven"}]""");
        var badBool = http().send("POST", BASE + "/snapshot?force_full_collection=maybe", null, null);
        assertThat(badBool.json().get("detail").get(0).get("type").asString()).isEqualTo("bool_parsing");
        var low = http().get(BASE + "/diff?hours_back=0");
        assertThat(low.json().get("detail").toString()).isEqualTo("""
                [{"type":"greater_than_equal","loc":["query","hours_back"],"msg":"Input should be greater than or equal to 1","input":"0","ctx":{"ge":1}}]""");
        var high = http().get(BASE + "/diff?hours_back=169");
        assertThat(high.json().get("detail").get(0).get("type").asString()).isEqualTo("less_than_equal");
    }

    @Test
    void summaryPackagesHealthDiffAndAnalyzeAnswerInTheirShapes() {
        JsonNode summary = http().get(BASE + "/summary").json();
        assertThat(summary.get("summary").propertyNames()).containsExactly("python_version", "platform", "virtual_env",
                "conda_env", "has_psutil", "has_pkg_resources");
        assertThat(summary.get("timestamp").asString()).matches(NAIVE);

        JsonNode packages = http().get(BASE + "/packages?package_names=numpy&package_names=fastapi").json();
        assertThat(packages.get("packages")).isEmpty();
        assertThat(packages.get("total_packages_count").asInt()).isZero();
        assertThat(packages.get("collected_at").asString()).matches(NAIVE);

        JsonNode health = http().get(BASE + "/health").json();
        assertThat(health.propertyNames()).containsExactly("message", "health_score", "health_level", "recommendations",
                "warnings", "snapshot_id", "checked_at");
        assertThat(health.get("warnings").toString()).contains("NumPy not detected - many data science operations may not work");

        JsonNode diff = http().get(BASE + "/diff").json();
        assertThat(diff.get("message").asString()).isEqualTo("No previous snapshot available for comparison");
        assertThat(diff.get("changes_detected").asBoolean()).isFalse();

        JsonNode analysis = http().send("POST", BASE + "/analyze", null, null).json().get("analysis");
        assertThat(analysis.get("performance_indicators").get("python_version_score").asDouble()).isEqualTo(1.0);
        assertThat(analysis.get("compatibility_info").get("jupyter_compatibility").get("recommended_versions").toString())
                .isEqualTo("{\"jupyterlab\":\">=3.0.0\",\"ipython\":\">=7.0.0\"}");
        assertThat(analysis.get("analysis_summary").asString()).isEqualTo("Environment analysis completed with detailed metrics");
    }
}
