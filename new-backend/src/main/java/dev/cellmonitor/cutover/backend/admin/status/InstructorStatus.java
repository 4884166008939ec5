package dev.cellmonitor.cutover.backend.admin.status;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An instructor's availability. PostgreSQL's {@code instructorstatus} enum stores the constant names
 * ({@code AVAILABLE}...), the API shows the lower-case values ({@code available}...), as the legacy's
 * SQLAlchemy enum does.
 */
public enum InstructorStatus {
    AVAILABLE("available"),
    IN_SESSION("in_session"),
    BREAK("break"),
    OFFLINE("offline");

    private static final List<String> VALUES = Arrays.stream(values()).map(InstructorStatus::value).toList();

    private final String value;

    InstructorStatus(String value) {
        this.value = value;
    }

    /** The API value, e.g. {@code in_session}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The label PostgreSQL stores, e.g. {@code IN_SESSION}. */
    public String databaseName() {
        return name();
    }

    /** Available and in-session count as a login: they also set {@code last_login_at}. */
    public boolean marksLogin() {
        return this == AVAILABLE || this == IN_SESSION;
    }

    /** The status with this API value; empty for anything else (names like {@code BREAK} included). */
    public static Optional<InstructorStatus> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    public static InstructorStatus fromDatabase(String name) {
        return valueOf(name);
    }

    /** The API values in declaration order, for Pydantic-style enum errors. */
    public static List<String> apiValues() {
        return VALUES;
    }
}
