package dev.cellmonitor.cutover.backend.core.environment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.LegacyQuery;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/**
 * The legacy's execution-environment routes under {@code /api/v1/v1/environment}. Every route except
 * {@code /summary} collects a new snapshot, which becomes the collector's last one.
 */
@RestController
@RequestMapping("/api/v1/v1/environment")
class EnvironmentController {

    private final EnvironmentCollector collector;

    EnvironmentController(EnvironmentCollector collector) {
        this.collector = collector;
    }

    @GetMapping("/current")
    Map<String, Object> current() {
        EnvironmentSnapshot snapshot = collector.collect(null, null, null, false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Current environment information collected successfully");
        answer.put("snapshot", snapshot.toMap());
        answer.put("collection_time_ms", snapshot.collectionDurationMs());
        answer.put("is_full_snapshot", snapshot.fullSnapshot());
        return answer;
    }

    @GetMapping("/summary")
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("python_version", HostFacts.runtimeVersion());
        summary.put("platform", HostFacts.platform());
        summary.put("virtual_env", System.getenv("VIRTUAL_ENV"));
        summary.put("conda_env", System.getenv("CONDA_DEFAULT_ENV"));
        summary.put("has_psutil", HostFacts.hasHostMetrics());
        summary.put("has_pkg_resources", false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Environment summary retrieved successfully");
        answer.put("summary", summary);
        answer.put("timestamp", LegacyTime.naive(LegacyTime.utcNow()));
        return answer;
    }

    @PostMapping("/snapshot")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> snapshot(HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        LegacyQuery query = LegacyQuery.of(request, errors);
        String notebookPath = query.str("notebook_path", false);
        String cellId = query.str("cell_id", false);
        Long executionCount = query.integer("execution_count");
        Boolean force = query.bool("force_full_collection");
        errors.throwIfAny();

        EnvironmentSnapshot snapshot = collector.collect(notebookPath, cellId, executionCount, Boolean.TRUE.equals(force));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Environment snapshot created successfully");
        answer.put("snapshot_id", snapshot.snapshotId());
        answer.put("snapshot", snapshot.toMap());
        answer.put("collection_time_ms", snapshot.collectionDurationMs());
        answer.put("changed_packages_count", 0);
        return answer;
    }

    @GetMapping("/packages")
    Map<String, Object> packages(HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        LegacyQuery query = LegacyQuery.of(request, errors);
        List<String> names = query.list("package_names");
        query.bool("include_all"); // validated like the legacy, which then ignores it
        errors.throwIfAny();

        EnvironmentSnapshot snapshot = collector.collect(null, null, null, false);
        List<Map<String, Object>> packages = snapshot.keyPackages();
        if (names != null && !names.isEmpty()) {
            List<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            packages = packages.stream()
                    .filter(p -> wanted.contains(String.valueOf(p.get("name")).toLowerCase(Locale.ROOT))).toList();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Package information retrieved successfully");
        answer.put("packages", packages);
        answer.put("total_packages_count", snapshot.totalPackagesCount());
        answer.put("snapshot_id", snapshot.snapshotId());
        answer.put("collected_at", LegacyTime.naive(snapshot.capturedAt()));
        return answer;
    }

    @GetMapping("/health")
    Map<String, Object> health() {
        EnvironmentSnapshot snapshot = collector.collect(null, null, null, false);
        double score = EnvironmentAssessment.healthScore(snapshot);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Environment health check completed");
        answer.put("health_score", score);
        answer.put("health_level", EnvironmentAssessment.healthLevel(score));
        answer.put("recommendations", EnvironmentAssessment.recommendations(snapshot));
        answer.put("warnings", EnvironmentAssessment.warnings(snapshot));
        answer.put("snapshot_id", snapshot.snapshotId());
        answer.put("checked_at", LegacyTime.naive(LegacyTime.utcNow()));
        return answer;
    }

    /**
     * The legacy compares its last snapshot with the one it has just taken, which is always the same one, so this
     * route never reports a diff; {@code from_snapshot_id} is ignored and {@code hours_back} only validated.
     */
    @GetMapping("/diff")
    Map<String, Object> diff(HttpServletRequest request) {
        ValidationErrors errors = new ValidationErrors();
        LegacyQuery query = LegacyQuery.of(request, errors);
        query.integer("hours_back", 1, 168);
        errors.throwIfAny();

        EnvironmentSnapshot snapshot = collector.collect(null, null, null, false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "No previous snapshot available for comparison");
        answer.put("current_snapshot_id", snapshot.snapshotId());
        answer.put("changes_detected", false);
        return answer;
    }

    @PostMapping("/analyze")
    Map<String, Object> analyze() {
        EnvironmentSnapshot snapshot = collector.collect(null, null, null, false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Environment analysis completed successfully");
        answer.put("analysis", EnvironmentAssessment.analysis(snapshot));
        answer.put("snapshot_id", snapshot.snapshotId());
        answer.put("analyzed_at", LegacyTime.naive(LegacyTime.utcNow()));
        return answer;
    }
}
