package dev.cellmonitor.cutover.backend.lms;

import java.sql.SQLException;

import org.springframework.dao.DataAccessException;

/**
 * Which integrity rule PostgreSQL enforced when a statement failed. The legacy lets these failures escape as
 * 500s; the LMS routes check references up front and use this only for the races the checks cannot close.
 */
public final class SqlStates {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {
    }

    public static boolean isForeignKeyViolation(DataAccessException failure) {
        return FOREIGN_KEY_VIOLATION.equals(sqlState(failure));
    }

    public static boolean isUniqueViolation(DataAccessException failure) {
        return UNIQUE_VIOLATION.equals(sqlState(failure));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
