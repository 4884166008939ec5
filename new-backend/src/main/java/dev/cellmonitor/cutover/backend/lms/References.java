package dev.cellmonitor.cutover.backend.lms;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.LegacyParams;

/**
 * Writes that name other rows by id (an assignment's class and notebook, a submission's assignment and
 * student). The legacy sends them to PostgreSQL unchecked and answers its foreign-key error with a bare 500;
 * here the write is tried the same way (so a refused insert still uses up a sequence value, as the legacy's
 * does) and a refusal is explained as {@code 400 {"detail": "<Label> with id <id> not found"}}, the legacy's own
 * not-found wording for that row.
 */
@Component
public class References {

    /** One referenced row: {@code table} holds it, {@code label} names it in messages ("Class"). */
    public record Reference(String table, String label, BigInteger id) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    References(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static Reference to(String table, String label, BigInteger id) {
        return new Reference(table, label, id);
    }

    /** Runs {@code write}; when PostgreSQL refuses it for a missing referent, fails naming the first one missing. */
    public <T> T write(Supplier<T> write, List<Reference> references) {
        for (Reference reference : references) {
            if (reference.id() != null && !LegacyParams.fitsInt4(reference.id())) {
                throw missing(reference);
            }
        }
        try {
            return write.get();
        } catch (DataIntegrityViolationException e) {
            if (!SqlStates.isForeignKeyViolation(e)) {
                throw e;
            }
            for (Reference reference : references) {
                if (reference.id() != null && !exists(reference)) {
                    throw missing(reference);
                }
            }
            throw new ApiException(HttpStatus.CONFLICT, "A referenced row was changed concurrently; please retry");
        }
    }

    private boolean exists(Reference reference) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM " + reference.table() + " WHERE id = :id)",
                new MapSqlParameterSource("id", reference.id().longValue()), Boolean.class));
    }

    private static ApiException missing(Reference reference) {
        return ApiException.badRequest(reference.label() + " with id " + reference.id() + " not found");
    }
}
