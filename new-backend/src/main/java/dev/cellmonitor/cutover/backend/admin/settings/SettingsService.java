package dev.cellmonitor.cutover.backend.admin.settings;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.LegacyTime;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;

/** The admin settings routes' behaviour, answers in the legacy's shapes (CONTRACT.md §2.14). */
@Service
class SettingsService {

    static final String THRESHOLD_MESSAGE = "連続エラー閾値は整数で指定してください";

    private final SystemSettings settings;
    private final ConsecutiveErrorSettings threshold;

    SettingsService(SystemSettings settings, ConsecutiveErrorSettings threshold) {
        this.settings = settings;
        this.threshold = threshold;
    }

    Map<String, Object> list() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Setting s : settings.active()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("setting_key", s.key());
            row.put("setting_value", s.value());
            row.put("setting_type", s.type());
            row.put("description", s.description());
            row.put("is_active", s.active());
            row.put("updated_at", LegacyTime.offsetTime(s.updatedAt()));
            rows.add(row);
        }
        return Map.of("settings", rows);
    }

    Map<String, Object> get(String key) {
        Setting setting = settings.findActive(key).orElseThrow(() -> notFound(key));
        JsonNode value;
        try {
            value = SettingValues.typed(setting);
        } catch (SettingValues.Unreadable e) {
            throw new ApiException(HttpStatus.CONFLICT,
                    "設定 '" + key + "' の値 '" + setting.value() + "' は型 '" + setting.type() + "' として読めません");
        }
        if (value.isNull()) {
            throw notFound(key); // the legacy cannot tell a JSON null from a missing row
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("setting_key", key);
        json.put("value", value);
        json.put("type", PythonRepr.typeName(value));
        return json;
    }

    Map<String, Object> update(String key, JsonNode newValue) {
        if (ConsecutiveErrorSettings.THRESHOLD_KEY.equals(key)) {
            requireThreshold(newValue);
        }
        Setting existing = settingAnyState(key);
        Setting updated = settings.update(key, SettingValues.storedText(existing, newValue)).orElseThrow(() -> notFound(key));
        threshold.invalidate();
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("setting_key", updated.key());
        setting.put("setting_value", updated.value());
        setting.put("setting_type", updated.type());
        setting.put("updated_at", LegacyTime.offsetTime(updated.updatedAt()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", "設定 '" + key + "' が更新されました");
        json.put("setting", setting);
        return json;
    }

    Map<String, Object> create(String key, String value, String type, String description) {
        Setting created;
        try {
            created = settings.create(key, value, type, description);
        } catch (DataAccessException e) {
            throw ApiException.badRequest("設定作成に失敗しました: " + databaseMessage(e));
        }
        threshold.invalidate();
        Map<String, Object> setting = new LinkedHashMap<>();
        setting.put("setting_key", created.key());
        setting.put("setting_value", created.value());
        setting.put("setting_type", created.type());
        setting.put("description", created.description());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("message", "設定 '" + key + "' が作成されました");
        json.put("setting", setting);
        return json;
    }

    /** Fresh values (no cache), code defaults 3 / true / 300; unreadable values count as their default. */
    Map<String, Object> consecutiveErrorStatus() {
        JsonNode enabled = typedOr("error_detection_enabled", BooleanNode.TRUE);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("consecutive_error_threshold", typedOr(ConsecutiveErrorSettings.THRESHOLD_KEY,
                IntNode.valueOf(ConsecutiveErrorSettings.DEFAULT_THRESHOLD)));
        json.put("error_detection_enabled", enabled);
        json.put("cache_ttl_seconds", typedOr("cache_ttl_seconds", IntNode.valueOf(300)));
        json.put("status", PythonRepr.truthy(enabled) ? "active" : "disabled");
        return json;
    }

    /**
     * The legacy accepts what Python's int() accepts and 1..10, but reports every failure with the "must be an
     * integer" text (its range message is swallowed); the text is kept. Floats and booleans, which int() would
     * truncate and the legacy then stores as unreadable text ("5.7", "True"), are refused.
     */
    private static void requireThreshold(JsonNode value) {
        BigInteger n = null;
        if (value.isIntegralNumber()) {
            n = value.bigIntegerValue();
        } else if (value.isString()) {
            n = SettingValues.pythonInt(value.stringValue()).orElse(null);
        }
        if (n == null || n.compareTo(BigInteger.ONE) < 0 || n.compareTo(BigInteger.TEN) > 0) {
            throw ApiException.badRequest(THRESHOLD_MESSAGE);
        }
    }

    private Setting settingAnyState(String key) {
        return settings.findAnyState(key).orElseThrow(() -> notFound(key));
    }

    private JsonNode typedOr(String key, JsonNode fallback) {
        return settings.findActive(key).map(s -> {
            try {
                return SettingValues.typed(s);
            } catch (SettingValues.Unreadable e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    /** The server's message without the SQL text and parameters the legacy leaks, in psycopg2's layout. */
    private static String databaseMessage(DataAccessException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        return message.replaceFirst("^ERROR: ", "").replace("\n  Detail: ", "\nDETAIL:  ");
    }

    private static ApiException notFound(String key) {
        return ApiException.notFound("設定キー '" + key + "' が見つかりません");
    }
}
