package dev.cellmonitor.cutover.backend.lms;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.LongFunction;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.LegacyParams;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;

/**
 * The id path parameter of one legacy CRUD router and its 404: {@code "<label> with id <id> not found"}, with the
 * id printed as Python prints the parsed int ({@code /classes/007} is "Class with id 7 not found").
 *
 * @param parameter the path parameter's name ({@code class_id}), used in 422 locations
 * @param label     the row's name in messages ({@code Class})
 */
public record RowIds(String parameter, String label) {

    /** The id, or a 422 {@code int_parsing} at {@code ["path", parameter]}. */
    public BigInteger parse(String raw) {
        ValidationErrors errors = new ValidationErrors();
        BigInteger id = parse(raw, errors);
        errors.throwIfAny();
        return id;
    }

    /** The id, collecting a parse error with the body's errors (FastAPI reports them together). */
    public BigInteger parse(String raw, ValidationErrors errors) {
        return LegacyParams.pathInt(parameter, raw, errors);
    }

    /** The row, or the 404; ids beyond the integer column's range name no row. */
    public <T> T find(BigInteger id, LongFunction<Optional<T>> lookup) {
        if (!LegacyParams.fitsInt4(id)) {
            throw notFound(id);
        }
        return lookup.apply(id.longValue()).orElseThrow(() -> notFound(id));
    }

    public ApiException notFound(BigInteger id) {
        return ApiException.notFound(label + " with id " + id + " not found");
    }
}
