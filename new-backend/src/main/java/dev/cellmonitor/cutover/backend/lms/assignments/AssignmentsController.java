package dev.cellmonitor.cutover.backend.lms.assignments;

import java.math.BigInteger;
import java.sql.Types;
import java.util.ArrayList;
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
import dev.cellmonitor.cutover.backend.lms.References;
import dev.cellmonitor.cutover.backend.lms.RowIds;
import dev.cellmonitor.cutover.backend.lms.References.Reference;
import dev.cellmonitor.cutover.backend.lms.SqlStates;
import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/** {@code /api/v1/assignments}: the legacy's class-assignment CRUD (CONTRACT.md §2.11). */
@RestController
@RequestMapping("/api/v1/assignments")
class AssignmentsController {

    private static final RowIds IDS = new RowIds("assignment_id", "Assignment");

    private final AssignmentRepository assignments;
    private final References references;

    AssignmentsController(AssignmentRepository assignments, References references) {
        this.assignments = assignments;
        this.references = references;
    }

    @PostMapping("/")
    @ResponseStatus(HttpStatus.CREATED)
    AssignmentResponse create(@RequestBody(required = false) byte[] body,
                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        JsonBody.Fields fields = ModelBody.read(body, contentType, errors);
        if (fields == null) {
            errors.throwIfAny();
        }
        BigInteger classId = ModelBody.id(fields, "class_id", true);
        BigInteger notebookId = ModelBody.id(fields, "notebook_id", true);
        String title = fields.str("title", true);
        String description = fields.str("description", false);
        DueDate dueDate = DueDate.read(fields.node("due_date"), "due_date", errors);
        Double points = ModelBody.finite(fields, "points", false, errors);
        errors.throwIfAny();
        return references.write(() -> assignments.insert(classId.longValue(), notebookId.longValue(), title,
                        description, dueDate == null ? null : dueDate.value(), points),
                List.of(classRef(classId), notebookRef(notebookId)));
    }

    @GetMapping({"/", ""})
    List<AssignmentResponse> list(@RequestParam(required = false) List<String> skip,
                                  @RequestParam(required = false) List<String> limit,
                                  @RequestParam(name = "class_id", required = false) List<String> classId) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger from = LegacyParams.queryInt("skip", skip, BigInteger.ZERO, 0, errors);
        BigInteger count = LegacyParams.queryInt("limit", limit, BigInteger.valueOf(100), 0, errors);
        BigInteger byClass = LegacyParams.queryInt("class_id", classId, null, errors);
        errors.throwIfAny();
        return assignments.list(LegacyParams.clamp(from), LegacyParams.clamp(count),
                byClass == null ? null : LegacyParams.clamp(byClass));
    }

    @GetMapping("/{assignment_id}")
    AssignmentResponse get(@PathVariable("assignment_id") String rawId) {
        return find(IDS.parse(rawId));
    }

    @PutMapping("/{assignment_id}")
    AssignmentResponse update(@PathVariable("assignment_id") String rawId,
                              @RequestBody(required = false) byte[] body,
                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger id = IDS.parse(rawId, errors);
        JsonBody.Fields fields = ModelBody.read(body, contentType, errors);
        PartialUpdate update = PartialUpdate.of("class_assignments");
        List<Reference> refs = new ArrayList<>();
        if (fields != null) {
            // NOT NULL columns refuse an explicit null here; the legacy sent it to the database (500).
            if (fields.has("class_id")) {
                BigInteger classId = ModelBody.id(fields, "class_id", true);
                refs.add(classRef(classId));
                update.set("class_id", classId == null ? null : LegacyParams.clamp(classId), Types.BIGINT);
            }
            if (fields.has("notebook_id")) {
                BigInteger notebookId = ModelBody.id(fields, "notebook_id", true);
                refs.add(notebookRef(notebookId));
                update.set("notebook_id", notebookId == null ? null : LegacyParams.clamp(notebookId), Types.BIGINT);
            }
            if (fields.has("title")) {
                update.set("title", fields.str("title", true), Types.VARCHAR);
            }
            if (fields.has("description")) {
                update.set("description", fields.str("description", false), Types.VARCHAR);
            }
            if (fields.has("due_date")) {
                DueDate dueDate = DueDate.read(fields.node("due_date"), "due_date", errors);
                update.set("due_date", dueDate == null ? null : dueDate.value(), Types.TIMESTAMP_WITH_TIMEZONE);
                if (dueDate != null && dueDate.naive()) {
                    update.forceChange();
                }
            }
            if (fields.has("points")) {
                update.set("points", ModelBody.finite(fields, "points", false, errors), Types.DOUBLE);
            }
        }
        errors.throwIfAny();
        AssignmentResponse current = find(id);
        if (update.isEmpty()) {
            return current;
        }
        return references.write(() -> assignments.update(current.id(), update), refs).orElseGet(() -> find(id));
    }

    @DeleteMapping("/{assignment_id}")
    AssignmentResponse delete(@PathVariable("assignment_id") String rawId) {
        BigInteger id = IDS.parse(rawId);
        AssignmentResponse current = find(id);
        if (assignments.hasSubmissions(current.id())) {
            throw stillReferenced(id);
        }
        try {
            return assignments.delete(current.id()).orElseThrow(() -> IDS.notFound(id));
        } catch (DataIntegrityViolationException e) {
            if (SqlStates.isForeignKeyViolation(e)) {
                throw stillReferenced(id);
            }
            throw e;
        }
    }

    private static Reference classRef(BigInteger id) {
        return References.to("classes", "Class", id);
    }

    private static Reference notebookRef(BigInteger id) {
        return References.to("notebooks", "Notebook", id);
    }

    private AssignmentResponse find(BigInteger id) {
        return IDS.find(id, assignments::find);
    }

    private static ApiException stillReferenced(BigInteger id) {
        return new ApiException(HttpStatus.CONFLICT, "Assignment with id " + id + " still has submissions");
    }
}
