package dev.cellmonitor.cutover.backend.admin.settings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code system_settings} table, read and written as the legacy does: reads see active rows only, updates
 * find a row whatever its {@code is_active}.
 */
@Repository
public class SystemSettings {

    private static final String COLUMNS = "setting_key, setting_value, setting_type, description, is_active, updated_at";

    private final JdbcTemplate jdbc;

    public SystemSettings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Active settings by key, in the database's collation like the legacy's ORDER BY. */
    public List<Setting> active() {
        return jdbc.query("SELECT " + COLUMNS + " FROM system_settings WHERE is_active = true ORDER BY setting_key",
                SystemSettings::row);
    }

    public Optional<Setting> findActive(String key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM system_settings WHERE setting_key = ? AND is_active = true",
                SystemSettings::row, key).stream().findFirst();
    }

    /** Whatever its {@code is_active}, as the legacy's update looks it up. */
    Optional<Setting> findAnyState(String key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM system_settings WHERE setting_key = ?", SystemSettings::row, key)
                .stream().findFirst();
    }

    /** Stores new text; empty when no row (active or not) has the key. */
    Optional<Setting> update(String key, String text) {
        return jdbc.query("UPDATE system_settings SET setting_value = ?, updated_at = now() WHERE setting_key = ? RETURNING "
                + COLUMNS, SystemSettings::row, text, key).stream().findFirst();
    }

    /**
     * Inserts an active row with {@code updated_at} NULL, as the legacy does.
     *
     * @throws org.springframework.dao.DataAccessException e.g. a duplicate key
     */
    Setting create(String key, String value, String type, String description) {
        return jdbc.queryForObject("INSERT INTO system_settings (setting_key, setting_value, setting_type, description, is_active) "
                + "VALUES (?, ?, ?, ?, true) RETURNING " + COLUMNS, SystemSettings::row, key, value, type, description);
    }

    private static Setting row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new Setting(rs.getString("setting_key"), rs.getString("setting_value"), rs.getString("setting_type"),
                rs.getString("description"), (Boolean) rs.getObject("is_active"), updated == null ? null : updated.toInstant());
    }
}
