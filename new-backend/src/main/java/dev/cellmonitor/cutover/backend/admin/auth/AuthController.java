package dev.cellmonitor.cutover.backend.admin.auth;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.JsonRequest;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/auth}. The body parameter comes first: the legacy reports a malformed body before a missing token. */
@RestController
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PostMapping("/api/v1/auth/login")
    Map<String, Object> login(JsonRequest request) {
        JsonNode body = request.required();
        ValidationErrors errors = new ValidationErrors();
        String email = null;
        String password = null;
        if (JsonBody.requireObject(body, errors, "body")) {
            JsonBody.Fields fields = JsonBody.fields(body, errors, "body");
            email = EmailAddresses.field(fields, "email", errors, "body");
            password = fields.str("password", true);
        }
        errors.throwIfAny();
        return auth.login(email, password);
    }

    @GetMapping("/api/v1/auth/me")
    Map<String, Object> me(CurrentInstructor me) {
        return me.instructor().toJson();
    }

    @PutMapping("/api/v1/auth/password")
    Map<String, Object> changePassword(JsonRequest request, CurrentInstructor me) {
        JsonNode body = request.required();
        ValidationErrors errors = new ValidationErrors();
        String current = null;
        String next = null;
        if (JsonBody.requireObject(body, errors, "body")) {
            JsonBody.Fields fields = JsonBody.fields(body, errors, "body");
            current = fields.str("current_password", true);
            next = fields.str("new_password", true);
        }
        errors.throwIfAny();
        if (!auth.changePassword(me, current, next)) {
            throw ApiException.badRequest("Current password is incorrect");
        }
        return Map.of("message", "Password updated successfully");
    }

    @PostMapping("/api/v1/auth/logout")
    Map<String, Object> logout(CurrentInstructor me) {
        auth.logout(me);
        return Map.of("message", "Successfully logged out");
    }
}
