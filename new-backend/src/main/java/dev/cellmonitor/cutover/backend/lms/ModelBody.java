package dev.cellmonitor.cutover.backend.lms;

import java.math.BigInteger;
import java.util.List;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request body bound to one Pydantic model, as FastAPI binds it: malformed JSON fails at once; a missing
 * (or JSON {@code null}) body is {@code missing} at {@code ["body"]}; anything but an object is
 * {@code model_attributes_type}. Errors go to the caller's collector, after any path/query errors, which is the
 * order FastAPI reports them in.
 */
public final class ModelBody {

    private ModelBody() {
    }

    /** The body's fields, or null when the body is unusable (the reason is recorded in {@code errors}). */
    public static JsonBody.Fields read(byte[] raw, String contentType, ValidationErrors errors) {
        JsonNode body = JsonBody.parse(raw, contentType);
        if (body == null || body.isNull()) {
            errors.missing(List.of("body"), null);
            return null;
        }
        if (!JsonBody.requireObject(body, errors, "body")) {
            return null;
        }
        return JsonBody.fields(body, errors, "body");
    }

    /**
     * An int field that names a row: like {@link JsonBody.Fields#integer} but exact for JSON integers beyond the
     * range of a long (Python ints have no limit; such an id names no row rather than wrapping around).
     */
    public static BigInteger id(JsonBody.Fields fields, String name, boolean required) {
        JsonNode node = fields.node(name);
        if (node != null && node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        Long value = fields.integer(name, required);
        return value == null ? null : BigInteger.valueOf(value);
    }

    /** A float field that must also be finite: NaN/Infinity would be stored and then break every read. */
    public static Double finite(JsonBody.Fields fields, String name, boolean required, ValidationErrors errors) {
        Double value = fields.number(name, required);
        if (value != null && !Double.isFinite(value)) {
            errors.add("finite_number", List.of("body", name), "Input should be a finite number", value.toString());
            return null;
        }
        return value;
    }
}
