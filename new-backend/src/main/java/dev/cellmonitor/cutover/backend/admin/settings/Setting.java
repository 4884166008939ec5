package dev.cellmonitor.cutover.backend.admin.settings;

import java.time.Instant;

/** One {@code system_settings} row; the value is the stored text, see {@link SettingValues} for its typed form. */
public record Setting(String key, String value, String type, String description, Boolean active, Instant updatedAt) {
}
