package dev.cellmonitor.cutover.backend.lms.submissions;

import java.math.BigInteger;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

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
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/** {@code /api/v1/submissions}: the legacy's submission CRUD and grading (CONTRACT.md §2.12). */
@RestController
@RequestMapping("/api/v1/submissions")
class SubmissionsController {

    /** The ORM's default, applied when the status is absent or null. */
    private static final String DEFAULT_STATUS = "submitted";

    private static final RowIds IDS = new RowIds("submission_id", "Submission");

    private final SubmissionRepository submissions;
    private final References references;

    SubmissionsController(SubmissionRepository submissions, References references) {
        this.submissions = submissions;
        this.references = references;
    }

    @PostMapping("/")
    @ResponseStatus(HttpStatus.CREATED)
    SubmissionResponse create(@RequestBody(required = false) byte[] body,
                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        JsonBody.Fields fields = ModelBody.read(body, contentType, errors);
        if (fields == null) {
            errors.throwIfAny();
        }
        BigInteger assignmentId = ModelBody.id(fields, "assignment_id", true);
        BigInteger studentId = ModelBody.id(fields, "student_id", true);
        String status = fields.str("status", false);
        Double grade = ModelBody.finite(fields, "grade", false, errors);
        String feedback = fields.str("feedback", false);
        errors.throwIfAny();
        return references.write(() -> submissions.insert(assignmentId.longValue(), studentId.longValue(),
                        status == null ? DEFAULT_STATUS : status, grade, feedback),
                List.of(assignmentRef(assignmentId), studentRef(studentId)));
    }

    @GetMapping({"/", ""})
    List<SubmissionResponse> list(@RequestParam(required = false) List<String> skip,
                                  @RequestParam(required = false) List<String> limit,
                                  @RequestParam(name = "assignment_id", required = false) List<String> assignmentId,
                                  @RequestParam(name = "student_id", required = false) List<String> studentId) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger from = LegacyParams.queryInt("skip", skip, BigInteger.ZERO, 0, errors);
        BigInteger count = LegacyParams.queryInt("limit", limit, BigInteger.valueOf(100), 0, errors);
        BigInteger byAssignment = LegacyParams.queryInt("assignment_id", assignmentId, null, errors);
        BigInteger byStudent = LegacyParams.queryInt("student_id", studentId, null, errors);
        errors.throwIfAny();
        return submissions.list(LegacyParams.clamp(from), LegacyParams.clamp(count),
                byAssignment == null ? null : LegacyParams.clamp(byAssignment),
                byStudent == null ? null : LegacyParams.clamp(byStudent));
    }

    @GetMapping("/{submission_id}")
    SubmissionResponse get(@PathVariable("submission_id") String rawId) {
        return find(IDS.parse(rawId));
    }

    @PutMapping("/{submission_id}")
    SubmissionResponse update(@PathVariable("submission_id") String rawId,
                              @RequestBody(required = false) byte[] body,
                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger id = IDS.parse(rawId, errors);
        JsonBody.Fields fields = ModelBody.read(body, contentType, errors);
        PartialUpdate update = PartialUpdate.withoutUpdatedAt("assignment_submissions");
        List<Reference> refs = new ArrayList<>();
        if (fields != null) {
            // NOT NULL columns refuse an explicit null here; the legacy sent it to the database (500).
            if (fields.has("assignment_id")) {
                BigInteger assignmentId = ModelBody.id(fields, "assignment_id", true);
                refs.add(assignmentRef(assignmentId));
                update.set("assignment_id", assignmentId == null ? null : LegacyParams.clamp(assignmentId),
                        Types.BIGINT);
            }
            if (fields.has("student_id")) {
                BigInteger studentId = ModelBody.id(fields, "student_id", true);
                refs.add(studentRef(studentId));
                update.set("student_id", studentId == null ? null : LegacyParams.clamp(studentId), Types.BIGINT);
            }
            if (fields.has("status")) {
                // an explicit null is stored as null here: the ORM default applies on INSERT only
                update.set("status", fields.str("status", false), Types.VARCHAR);
            }
            if (fields.has("grade")) {
                update.set("grade", ModelBody.finite(fields, "grade", false, errors), Types.DOUBLE);
            }
            if (fields.has("feedback")) {
                update.set("feedback", fields.str("feedback", false), Types.VARCHAR);
            }
        }
        errors.throwIfAny();
        SubmissionResponse current = find(id);
        if (update.isEmpty()) {
            return current;
        }
        return references.write(() -> submissions.update(current.id(), update), refs).orElseGet(() -> find(id));
    }

    @DeleteMapping("/{submission_id}")
    SubmissionResponse delete(@PathVariable("submission_id") String rawId) {
        BigInteger id = IDS.parse(rawId);
        SubmissionResponse current = find(id);
        return submissions.delete(current.id()).orElseThrow(() -> IDS.notFound(id));
    }

    private static Reference assignmentRef(BigInteger id) {
        return References.to("class_assignments", "Assignment", id);
    }

    private static Reference studentRef(BigInteger id) {
        return References.to("students", "Student", id);
    }

    private SubmissionResponse find(BigInteger id) {
        return IDS.find(id, submissions::find);
    }
}
