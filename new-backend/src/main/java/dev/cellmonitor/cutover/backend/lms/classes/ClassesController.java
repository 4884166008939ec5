package dev.cellmonitor.cutover.backend.lms.classes;

import java.math.BigInteger;
import java.sql.Types;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.lms.ModelBody;
import dev.cellmonitor.cutover.backend.lms.PartialUpdate;
import dev.cellmonitor.cutover.backend.lms.RowIds;
import dev.cellmonitor.cutover.backend.lms.SqlStates;
import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/**
 * {@code /api/v1/classes}: the legacy's class CRUD (CONTRACT.md §2.10). Create exists only at the trailing-slash
 * path like the legacy's; the list also answers without the slash (docs/divergences.md LMS-2).
 */
@RestController
@RequestMapping("/api/v1/classes")
class ClassesController {

    private static final RowIds IDS = new RowIds("class_id", "Class");

    private final ClassRepository classes;

    ClassesController(ClassRepository classes) {
        this.classes = classes;
    }

    @PostMapping("/")
    @ResponseStatus(HttpStatus.CREATED)
    ClassResponse create(@RequestBody(required = false) byte[] body,
                         @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        JsonBody.Fields fields = ModelBody.read(body, contentType, errors);
        String name = null;
        String classCode = null;
        String description = null;
        if (fields != null) {
            name = fields.str("name", true);
            classCode = fields.str("class_code", true);
            description = fields.str("description", false);
        }
        errors.throwIfAny();
        if (classes.codeExists(classCode)) {
            throw duplicateCode(classCode);
        }
        try {
            return classes.insert(name, classCode, description);
        } catch (DataIntegrityViolationException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw duplicateCode(classCode);
            }
            throw e;
        }
    }

    @GetMapping({"/", ""})
    List<ClassResponse> list(@RequestParam(required = false) List<String> skip,
                             @RequestParam(required = false) List<String> limit) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger from = LegacyParams.queryInt("skip", skip, BigInteger.ZERO, 0, errors);
        BigInteger count = LegacyParams.queryInt("limit", limit, BigInteger.valueOf(100), 0, errors);
        errors.throwIfAny();
        return classes.list(LegacyParams.clamp(from), LegacyParams.clamp(count));
    }

    @GetMapping("/{class_id}")
    ClassResponse get(@PathVariable("class_id") String rawId) {
        return find(IDS.parse(rawId));
    }

    @PutMapping("/{class_id}")
    ClassResponse update(@PathVariable("class_id") String rawId, @RequestBody(required = false) byte[] body,
                         @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger id = IDS.parse(rawId, errors);
        JsonBody.Fields fields = ModelBody.read(body, contentType, errors);
        PartialUpdate update = PartialUpdate.of("classes");
        String classCode = null;
        if (fields != null) {
            // NOT NULL columns refuse an explicit null here; the legacy sent it to the database (500).
            if (fields.has("name")) {
                update.set("name", fields.str("name", true), Types.VARCHAR);
            }
            if (fields.has("class_code")) {
                classCode = fields.str("class_code", true);
                update.set("class_code", classCode, Types.VARCHAR);
            }
            if (fields.has("description")) {
                update.set("description", fields.str("description", false), Types.VARCHAR);
            }
            if (fields.has("is_active")) {
                update.set("is_active", fields.bool("is_active", true), Types.BOOLEAN);
            }
        }
        errors.throwIfAny();
        ClassResponse current = find(id);
        if (update.isEmpty()) {
            return current;
        }
        try {
            return classes.update(current.id(), update).orElseGet(() -> find(id));
        } catch (DataIntegrityViolationException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw duplicateCode(classCode);
            }
            throw e;
        }
    }

    @DeleteMapping("/{class_id}")
    ClassResponse delete(@PathVariable("class_id") String rawId) {
        BigInteger id = IDS.parse(rawId);
        ClassResponse current = find(id);
        classes.dependents(current.id()).ifPresent(what -> {
            throw stillReferenced(id, what);
        });
        try {
            return classes.delete(current.id()).orElseThrow(() -> IDS.notFound(id));
        } catch (DataIntegrityViolationException e) {
            if (SqlStates.isForeignKeyViolation(e)) {
                throw stillReferenced(id, "rows referring to it");
            }
            throw e;
        }
    }

    private ClassResponse find(BigInteger id) {
        return IDS.find(id, classes::find);
    }

    private static ApiException duplicateCode(String classCode) {
        return ApiException.badRequest("Class with code '" + classCode + "' already exists");
    }

    private static ApiException stillReferenced(BigInteger id, String what) {
        return new ApiException(HttpStatus.CONFLICT, "Class with id " + id + " still has " + what);
    }
}
