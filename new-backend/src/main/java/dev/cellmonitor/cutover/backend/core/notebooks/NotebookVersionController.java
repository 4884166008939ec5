package dev.cellmonitor.cutover.backend.core.notebooks;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyErrorHandler;
import dev.cellmonitor.cutover.backend.web.LegacyQuery;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * The legacy's notebook version routes under {@code /api/v1/v1/notebook-version}. The POST routes take their
 * fields as separate {@code Body(...)} parameters (FastAPI "embedded" fields), except the snapshot route's
 * {@code notebook_path}, which is a query parameter. {@code {notebook_path:path}} takes the rest of the path.
 */
@RestController
@RequestMapping("/api/v1/v1/notebook-version")
class NotebookVersionController {

    private static final DateTimeFormatter SIMULATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final NotebookVersions store;

    NotebookVersionController(NotebookVersions store) {
        this.store = store;
    }

    @PostMapping("/snapshot")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createSnapshot(HttpServletRequest request, @RequestBody(required = false) byte[] raw,
                                       @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        JsonNode body = JsonBody.parse(raw, contentType);
        ValidationErrors errors = new ValidationErrors();
        String notebookPath = LegacyQuery.of(request, errors).str("notebook_path", true);
        JsonBody.Fields f = JsonBody.embedded(body, errors);
        JsonNode content = f.object("notebook_content", true);
        f.str("author_id", true);
        f.str("author_name", true);
        errors.throwIfAny();

        Snapshot snapshot = NotebookContent.snapshot(notebookPath, content, List.of("body", "notebook_content"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Notebook snapshot created successfully");
        answer.put("snapshot", store.addSnapshot(snapshot));
        answer.put("created_at", LegacyTime.naive(snapshot.createdAt()));
        return answer;
    }

    @PostMapping("/commit")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> commit(@RequestBody(required = false) byte[] raw,
                               @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        JsonBody.Fields f = JsonBody.embedded(JsonBody.parse(raw, contentType), errors);
        String notebookPath = f.str("notebook_path", true);
        String snapshotId = f.str("snapshot_id", true);
        String message = f.str("commit_message", true);
        String authorId = f.str("author_id", true);
        String authorName = f.str("author_name", true);
        String branchName = Objects.requireNonNullElse(f.str("branch_name", false), "main");
        errors.throwIfAny();

        Version version = store.commitStored(notebookPath, snapshotId, message, authorId, authorName, branchName);
        if (version == null) {
            throw ApiException.notFound("Snapshot " + snapshotId + " not found");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Notebook version committed successfully");
        answer.put("version", version.toMap());
        answer.put("version_id", version.versionId());
        answer.put("version_number", version.versionNumber());
        return answer;
    }

    @PostMapping("/commit-direct")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> commitDirect(@RequestBody(required = false) byte[] raw,
                                     @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        JsonBody.Fields f = JsonBody.embedded(JsonBody.parse(raw, contentType), errors);
        String notebookPath = f.str("notebook_path", true);
        JsonNode content = f.object("notebook_content", true);
        String message = f.str("commit_message", true);
        String authorId = f.str("author_id", true);
        String authorName = f.str("author_name", true);
        String branchName = Objects.requireNonNullElse(f.str("branch_name", false), "main");
        errors.throwIfAny();

        return commitDirect(notebookPath, content, message, authorId, authorName, branchName);
    }

    private Map<String, Object> commitDirect(String notebookPath, JsonNode content, String message, String authorId,
                                             String authorName, String branchName) {
        Snapshot snapshot = NotebookContent.snapshot(notebookPath, content, List.of("body", "notebook_content"));
        Version version = store.commitNew(notebookPath, snapshot, message, authorId, authorName, branchName);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Notebook committed successfully");
        answer.put("version", version.toMap());
        answer.put("snapshot", snapshot.toMap());
        answer.put("version_id", version.versionId());
        answer.put("version_number", version.versionNumber());
        return answer;
    }

    @GetMapping("/history/{*notebookPath}")
    ResponseEntity<?> history(@PathVariable String notebookPath) {
        String path = tail(notebookPath);
        if (path == null) {
            return LegacyErrorHandler.notFoundText();
        }
        Map<String, Object> history = store.history(path);
        if (history == null) {
            throw ApiException.notFound("Version history not found for notebook: " + path);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Notebook history retrieved successfully");
        answer.put("history", history);
        answer.put("notebook_path", path);
        answer.put("retrieved_at", now());
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/version/{versionId}")
    Map<String, Object> version(@PathVariable String versionId) {
        return retrieved("Notebook version retrieved successfully", "version", store.version(versionId),
                "version_id", versionId, "Version " + versionId + " not found");
    }

    @GetMapping("/latest/{*notebookPath}")
    ResponseEntity<?> latest(@PathVariable String notebookPath, HttpServletRequest request) {
        String path = tail(notebookPath);
        if (path == null) {
            return LegacyErrorHandler.notFoundText();
        }
        String branchName = Objects.requireNonNullElse(
                LegacyQuery.of(request, new ValidationErrors()).str("branch_name", false), "main");
        Map<String, Object> version = store.latest(path, branchName);
        if (version == null) {
            throw ApiException.notFound("No versions found for notebook: " + path + " on branch: " + branchName);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Latest version retrieved successfully");
        answer.put("version", version);
        answer.put("notebook_path", path);
        answer.put("branch_name", branchName);
        answer.put("retrieved_at", now());
        return ResponseEntity.ok(answer);
    }

    /** An unknown source version is a 404 here; the legacy answers it with a 500. */
    @PostMapping("/branch")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> branch(@RequestBody(required = false) byte[] raw,
                               @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        JsonBody.Fields f = JsonBody.embedded(JsonBody.parse(raw, contentType), errors);
        String notebookPath = f.str("notebook_path", true);
        String branchName = f.str("branch_name", true);
        String fromVersionId = f.str("from_version_id", true);
        String authorId = f.str("author_id", true);
        String description = f.str("description", false);
        errors.throwIfAny();

        Map<String, Object> branch = store.createBranch(notebookPath, branchName, fromVersionId, authorId, description);
        if (branch == null) {
            throw ApiException.notFound("Failed to create branch: Source version " + fromVersionId + " not found");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Branch created successfully");
        answer.put("branch", branch);
        answer.put("branch_id", branch.get("branch_id"));
        answer.put("branch_name", branchName);
        return answer;
    }

    /** An unknown version is a 404 here; the legacy answers it with a 500. */
    @GetMapping("/compare/{fromVersionId}/{toVersionId}")
    Map<String, Object> compare(@PathVariable String fromVersionId, @PathVariable String toVersionId) {
        Map<String, Object> comparison = store.compare(fromVersionId, toVersionId);
        if (comparison == null) {
            throw ApiException.notFound("Failed to compare versions: One or both versions not found");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Version comparison completed successfully");
        answer.put("comparison", comparison);
        answer.put("from_version_id", fromVersionId);
        answer.put("to_version_id", toVersionId);
        answer.put("compared_at", comparison.get("compared_at"));
        return answer;
    }

    @GetMapping("/snapshot/{snapshotId}")
    Map<String, Object> snapshot(@PathVariable String snapshotId) {
        return retrieved("Notebook snapshot retrieved successfully", "snapshot", store.snapshot(snapshotId),
                "snapshot_id", snapshotId, "Snapshot " + snapshotId + " not found");
    }

    @GetMapping("/branch/{branchId}")
    Map<String, Object> branchInfo(@PathVariable String branchId) {
        return retrieved("Branch information retrieved successfully", "branch", store.branch(branchId),
                "branch_id", branchId, "Branch " + branchId + " not found");
    }

    @GetMapping("/stats")
    Map<String, Object> stats() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Version system stats retrieved successfully");
        answer.put("stats", store.stats());
        answer.put("retrieved_at", now());
        return answer;
    }

    /** Test helper: commits the legacy's fixed sample notebook (its snapshot id is always 88f3226eba3bdc23). */
    @PostMapping("/simulate-commit")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> simulateCommit(HttpServletRequest request) {
        LegacyQuery query = LegacyQuery.of(request, new ValidationErrors());
        String notebookPath = Objects.requireNonNullElse(query.str("notebook_path", false), "test_notebook.ipynb");
        String authorId = Objects.requireNonNullElse(query.str("author_id", false), "test_user_001");
        String authorName = Objects.requireNonNullElse(query.str("author_name", false), "Test User");
        String branchName = Objects.requireNonNullElse(query.str("branch_name", false), "main");
        String message = "Simulated commit at " + SIMULATED_AT.format(LegacyTime.utcNow());
        Map<String, Object> result = commitDirect(notebookPath, SampleNotebook.content(), message, authorId,
                authorName, branchName);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Notebook commit simulated successfully");
        answer.put("simulation_result", result);
        answer.put("simulated_at", now());
        return answer;
    }

    @DeleteMapping("/reset/{*notebookPath}")
    ResponseEntity<?> reset(@PathVariable String notebookPath) {
        String path = tail(notebookPath);
        if (path == null) {
            return LegacyErrorHandler.notFoundText();
        }
        store.reset(path);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Notebook history reset successfully");
        answer.put("notebook_path", path);
        answer.put("reset_at", now());
        answer.put("warning", "This operation cannot be undone");
        return ResponseEntity.ok(answer);
    }

    /** The legacy's answer to a read by id: {@code {message, <name>, <id name>, retrieved_at}}, or a 404. */
    private static Map<String, Object> retrieved(String message, String name, Map<String, Object> item, String idName,
                                                 String id, String notFound) {
        if (item == null) {
            throw ApiException.notFound(notFound);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", message);
        answer.put(name, item);
        answer.put(idName, id);
        answer.put("retrieved_at", now());
        return answer;
    }

    /**
     * The {@code {notebook_path:path}} value: the rest of the path after the route's slash (possibly empty).
     * Null when the request ends without that slash, which the legacy does not route.
     */
    private static String tail(String captured) {
        return captured.startsWith("/") ? captured.substring(1) : null;
    }

    private static String now() {
        return LegacyTime.naive(LegacyTime.utcNow());
    }
}
