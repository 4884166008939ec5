package dev.cellmonitor.cutover.backend.admin.instructors;

import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.admin.auth.CurrentInstructor;
import dev.cellmonitor.cutover.backend.admin.auth.EmailAddresses;
import dev.cellmonitor.cutover.backend.admin.auth.Passwords;
import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.JsonRequest;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/instructors/}: instructor CRUD, every route behind the Bearer check. The list/create path exists
 * only with its trailing slash, as in the legacy. No role checks: any instructor may manage any other.
 */
@RestController
class InstructorController {

    static final String NOT_FOUND = "Instructor not found";

    private final Instructors instructors;

    InstructorController(Instructors instructors) {
        this.instructors = instructors;
    }

    @GetMapping("/api/v1/instructors/")
    List<Map<String, Object>> list(CurrentInstructor me, @RequestParam MultiValueMap<String, String> query) {
        ValidationErrors errors = new ValidationErrors();
        Long skip = LegacyParams.integer(query, "skip", 0, 0L, null, errors);
        Long limit = LegacyParams.integer(query, "limit", 100, 1L, 1000L, errors);
        Boolean active = LegacyParams.bool(query, "is_active", errors);
        errors.throwIfAny();
        return instructors.list(skip, limit, active).stream().map(Instructor::toJson).toList();
    }

    @PostMapping("/api/v1/instructors/")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(JsonRequest request, CurrentInstructor me) {
        JsonNode body = request.required();
        ValidationErrors errors = new ValidationErrors();
        String email = null;
        String name = null;
        String role = null;
        String password = null;
        if (JsonBody.requireObject(body, errors, "body")) {
            JsonBody.Fields fields = JsonBody.fields(body, errors, "body");
            email = EmailAddresses.field(fields, "email", errors, "body");
            name = fields.str("name", true);
            role = fields.str("role", false);
            password = fields.str("password", true);
        }
        errors.throwIfAny();
        if (instructors.findByEmail(email).isPresent()) {
            throw ApiException.badRequest("Email already registered");
        }
        try {
            return instructors.create(email, name, role, Passwords.hash(password)).toJson();
        } catch (DuplicateKeyException e) {
            throw ApiException.badRequest("Email already registered");
        }
    }

    @GetMapping("/api/v1/instructors/{instructor_id}")
    Map<String, Object> get(CurrentInstructor me, @PathVariable("instructor_id") String rawId) {
        long id = pathId(rawId, new ValidationErrors());
        return instructors.findById(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND)).toJson();
    }

    @PutMapping("/api/v1/instructors/{instructor_id}")
    Map<String, Object> update(JsonRequest request, CurrentInstructor me, @PathVariable("instructor_id") String rawId) {
        ValidationErrors errors = new ValidationErrors();
        Long id = LegacyParams.integer(rawId, List.of("path", "instructor_id"), errors);
        JsonNode body = request.body() == null || request.body().isNull() ? null : request.body();
        Instructors.Changes changes = Instructors.Changes.NONE;
        if (body == null) {
            errors.missing(List.of("body"), null);
        } else if (JsonBody.requireObject(body, errors, "body")) {
            changes = changes(body, errors);
        }
        errors.throwIfAny();
        return instructors.update(id, changes).orElseThrow(() -> ApiException.notFound(NOT_FOUND)).toJson();
    }

    @DeleteMapping("/api/v1/instructors/{instructor_id}")
    Map<String, Object> delete(CurrentInstructor me, @PathVariable("instructor_id") String rawId) {
        long id = pathId(rawId, new ValidationErrors());
        if (instructors.findById(id).isEmpty()) {
            throw ApiException.notFound(NOT_FOUND);
        }
        if (id == me.id()) {
            throw ApiException.badRequest("Cannot delete yourself");
        }
        instructors.deactivate(id);
        return Map.of("message", "Instructor successfully deleted");
    }

    /**
     * The fields present in the body. An explicit null for name or is_active is refused here (the legacy writes it
     * and fails with a 500: NOT NULL violation, or an unreadable row afterwards); a null role is stored.
     */
    private static Instructors.Changes changes(JsonNode body, ValidationErrors errors) {
        JsonBody.Fields fields = JsonBody.fields(body, errors, "body");
        Instructors.Changes changes = Instructors.Changes.NONE;
        if (body.has("name")) {
            changes = changes.withName(fields.str("name", true));
        }
        if (body.has("role")) {
            changes = changes.withRole(fields.str("role", false));
        }
        if (body.has("is_active")) {
            changes = changes.withActive(fields.bool("is_active", true));
        }
        return changes;
    }

    private static long pathId(String raw, ValidationErrors errors) {
        Long id = LegacyParams.integer(raw, List.of("path", "instructor_id"), errors);
        errors.throwIfAny();
        return id;
    }
}
