package dev.cellmonitor.cutover.backend.admin.settings;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.JsonRequest;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/admin}: system settings, unauthenticated like the legacy's. */
@RestController
class SettingsController {

    private final SettingsService service;

    SettingsController(SettingsService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/admin/settings")
    Map<String, Object> list() {
        return service.list();
    }

    @GetMapping("/api/v1/admin/settings/{setting_key}")
    Map<String, Object> get(@PathVariable("setting_key") String key) {
        return service.get(key);
    }

    @PutMapping("/api/v1/admin/settings/{setting_key}")
    Map<String, Object> update(@PathVariable("setting_key") String key, JsonRequest request) {
        JsonNode body = request.required();
        ValidationErrors errors = new ValidationErrors();
        if (JsonBody.requireObject(body, errors, "body") && !body.has("new_value")) {
            errors.missing(List.of("body", "new_value"), JsonBody.plain(body));
        }
        errors.throwIfAny();
        return service.update(key, body.get("new_value"));
    }

    @PostMapping("/api/v1/admin/settings")
    Map<String, Object> create(JsonRequest request) {
        JsonNode body = request.required();
        ValidationErrors errors = new ValidationErrors();
        String key = null;
        String value = null;
        String type = null;
        String description = null;
        if (JsonBody.requireObject(body, errors, "body")) {
            JsonBody.Fields fields = JsonBody.fields(body, errors, "body");
            key = fields.str("setting_key", true);
            value = fields.str("setting_value", true);
            type = fields.str("setting_type", true);
            // declared `description: str = None`: the default may be None, an explicit null is no str
            description = body.has("description") ? fields.str("description", true) : null;
        }
        errors.throwIfAny();
        return service.create(key, value, type, description);
    }

    @GetMapping("/api/v1/admin/consecutive-error-status")
    Map<String, Object> consecutiveErrorStatus() {
        return service.consecutiveErrorStatus();
    }
}
