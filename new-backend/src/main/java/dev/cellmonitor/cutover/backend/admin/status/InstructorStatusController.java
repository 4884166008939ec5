package dev.cellmonitor.cutover.backend.admin.status;

import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.admin.auth.CurrentInstructor;
import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.JsonRequest;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/instructor_status}: any authenticated instructor reads and sets anyone's status, as in the legacy. */
@RestController
class InstructorStatusController {

    private final InstructorStatusService statuses;
    private final BulkStatusUpdates bulk;

    InstructorStatusController(InstructorStatusService statuses, BulkStatusUpdates bulk) {
        this.statuses = statuses;
        this.bulk = bulk;
    }

    @GetMapping("/api/v1/instructor_status/{instructor_id}")
    Map<String, Object> get(CurrentInstructor me, @PathVariable("instructor_id") String rawId) {
        ValidationErrors errors = new ValidationErrors();
        Long id = LegacyParams.integer(rawId, List.of("path", "instructor_id"), errors);
        errors.throwIfAny();
        return statuses.current(id).orElseThrow(InstructorStatusController::notFound).toJson();
    }

    @PutMapping("/api/v1/instructor_status/{instructor_id}")
    Map<String, Object> update(JsonRequest request, CurrentInstructor me, @PathVariable("instructor_id") String rawId) {
        ValidationErrors errors = new ValidationErrors();
        Long id = LegacyParams.integer(rawId, List.of("path", "instructor_id"), errors);
        JsonNode body = request.body() == null || request.body().isNull() ? null : request.body();
        InstructorStatus status = null;
        Long sessionId = null;
        if (body == null) {
            errors.missing(List.of("body"), null);
        } else if (JsonBody.requireObject(body, errors, "body")) {
            status = status(body, errors);
            sessionId = JsonBody.fields(body, errors, "body").integer("current_session_id", false);
        }
        errors.throwIfAny();
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw notFound();
        }
        if (sessionId != null && (sessionId < 1 || sessionId > Integer.MAX_VALUE)) {
            statuses.current(id).orElseThrow(InstructorStatusController::notFound);
            throw ApiException.notFound(InstructorStatusService.SESSION_NOT_FOUND);
        }
        return statuses.changeStatus(id.intValue(), status, sessionId == null ? null : sessionId.intValue()).toJson();
    }

    @GetMapping("/api/v1/instructor_status/{instructor_id}/history")
    List<Map<String, Object>> history(CurrentInstructor me, @PathVariable("instructor_id") String rawId,
            @RequestParam MultiValueMap<String, String> query) {
        ValidationErrors errors = new ValidationErrors();
        Long id = LegacyParams.integer(rawId, List.of("path", "instructor_id"), errors);
        Long skip = LegacyParams.integer(query, "skip", 0, 0L, null, errors);
        Long limit = LegacyParams.integer(query, "limit", 100, 1L, 1000L, errors);
        errors.throwIfAny();
        return statuses.history(id, skip, limit).orElseThrow(InstructorStatusController::notFound)
                .stream().map(StatusHistoryEntry::toJson).toList();
    }

    @PostMapping("/api/v1/instructor_status/bulk")
    Map<String, Object> bulk(JsonRequest request, CurrentInstructor me) {
        return bulk.apply(request.required());
    }

    /** Pydantic's enum check: anything but one of the four values (names like BREAK included) is refused. */
    private static InstructorStatus status(JsonNode body, ValidationErrors errors) {
        JsonNode value = body.get("status");
        if (value == null) {
            errors.missing(List.of("body", "status"), JsonBody.plain(body));
            return null;
        }
        InstructorStatus status = value.isString() ? InstructorStatus.fromValue(value.stringValue()).orElse(null) : null;
        if (status == null) {
            String expected = JsonBody.expected(InstructorStatus.apiValues());
            errors.add("enum", List.of("body", "status"), "Input should be " + expected, JsonBody.plain(value),
                    Map.of("expected", expected));
        }
        return status;
    }

    private static ApiException notFound() {
        return ApiException.notFound(InstructorStatusService.INSTRUCTOR_NOT_FOUND);
    }
}
