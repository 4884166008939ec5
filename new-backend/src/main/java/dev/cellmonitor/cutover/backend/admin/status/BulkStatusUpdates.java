package dev.cellmonitor.cutover.backend.admin.status;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /instructor_status/bulk}: items applied in order, each in its own transaction, with the legacy's
 * per-item results. A failing item never spoils the ones after it (the legacy shares one database session, so
 * after a database error every later item fails), and items the legacy crashes on get an error entry or a 422.
 */
@Component
class BulkStatusUpdates {

    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private final InstructorStatusService statuses;

    BulkStatusUpdates(InstructorStatusService statuses) {
        this.statuses = statuses;
    }

    Map<String, Object> apply(JsonNode body) {
        if (!body.isObject()) {
            throw ValidationErrors.single("dict_type", List.of("body"), "Input should be a valid dictionary", JsonBody.plain(body));
        }
        JsonNode updates = body.get("updates");
        if (!PythonRepr.truthy(updates)) {
            throw ApiException.badRequest("No updates provided");
        }
        if (!updates.isArray()) {
            throw ValidationErrors.single("list_type", List.of("body", "updates"), "Input should be a valid list",
                    JsonBody.plain(updates));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int updated = 0;
        JsonNode lastId = null; // the legacy reports a non-object item under the previous item's id
        for (JsonNode item : updates) {
            if (!item.isObject()) {
                results.add(failure(lastId, "'" + PythonRepr.typeName(item) + "' object has no attribute 'get'"));
                continue;
            }
            JsonNode id = item.get("instructor_id");
            lastId = id;
            Map<String, Object> result = applyOne(id, item.get("status"), item.get("current_session_id"));
            if (Boolean.TRUE.equals(result.get("success"))) {
                updated++;
            }
            results.add(result);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("updated_count", updated);
        json.put("results", results);
        return json;
    }

    private Map<String, Object> applyOne(JsonNode idNode, JsonNode statusNode, JsonNode sessionNode) {
        Integer id = instructorId(idNode);
        if (id == null || statuses.current(id).isEmpty()) {
            return failure(idNode, InstructorStatusService.INSTRUCTOR_NOT_FOUND);
        }
        InstructorStatus status = statusNode != null && statusNode.isString()
                ? InstructorStatus.fromValue(statusNode.stringValue()).orElse(null) : null;
        if (status == null) {
            return failure(idNode, PythonRepr.repr(statusNode) + " is not a valid InstructorStatus");
        }
        Integer sessionId;
        try {
            sessionId = sessionId(sessionNode);
        } catch (IllegalArgumentException e) {
            return failure(idNode, e.getMessage());
        }
        StatusSnapshot after;
        try {
            after = statuses.changeStatus(id, status, sessionId);
        } catch (ApiException e) {
            return failure(idNode, String.valueOf(e.detail()));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instructor_id", JsonBody.plain(idNode));
        json.put("status", after.status().value());
        json.put("current_session_id", after.currentSessionId());
        json.put("success", true);
        return json;
    }

    /**
     * The id as PostgreSQL would compare it with {@code instructors.id}: integers, integral floats and integer
     * text; anything else (where the legacy gets a database error) finds nobody.
     */
    private static Integer instructorId(JsonNode node) {
        BigInteger value = null;
        if (node == null || node.isNull() || node.isBoolean()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            value = d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger() : null;
        } else if (node.isString() && node.stringValue().strip().matches("[+-]?\\d+")) {
            value = new BigInteger(node.stringValue().strip());
        }
        return value == null || value.signum() <= 0 || value.compareTo(INT_MAX) > 0 ? null : value.intValue();
    }

    /** Pydantic's {@code Optional[int]} in lax mode; the message is str() of its ValidationError. */
    private static Integer sessionId(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        BigInteger value = null;
        String failure;
        if (node.isBoolean()) {
            value = node.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
            failure = null;
        } else if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
            failure = null;
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            boolean integral = d.stripTrailingZeros().scale() <= 0;
            value = integral ? d.toBigInteger() : null;
            failure = integral ? null : "Input should be a valid integer, got a number with a fractional part [type=int_from_float";
        } else if (node.isString()) {
            value = LegacyParams.laxInt(node.stringValue());
            failure = value != null ? null : "Input should be a valid integer, unable to parse string as an integer [type=int_parsing";
        } else {
            failure = "Input should be a valid integer [type=int_type";
        }
        if (failure != null) {
            String type = failure.substring(failure.indexOf("[type=") + 6);
            throw new IllegalArgumentException("1 validation error for InstructorStatusUpdate\ncurrent_session_id\n  "
                    + failure + ", input_value=" + PythonRepr.repr(node) + ", input_type=" + PythonRepr.typeName(node)
                    + "]\n    For further information visit https://errors.pydantic.dev/2.6/v/" + type);
        }
        if (value.signum() <= 0 || value.compareTo(INT_MAX) > 0) {
            throw new IllegalArgumentException(InstructorStatusService.SESSION_NOT_FOUND);
        }
        return value.intValue();
    }

    private static Map<String, Object> failure(JsonNode id, String error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instructor_id", JsonBody.plain(id));
        json.put("success", false);
        json.put("error", error);
        return json;
    }
}
