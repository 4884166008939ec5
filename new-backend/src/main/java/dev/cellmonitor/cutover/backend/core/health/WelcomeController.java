package dev.cellmonitor.cutover.backend.core.health;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /}: the legacy's welcome message, "Welcome to " + {@code PROJECT_NAME} (CONTRACT.md §1.1, §2.5). */
@RestController
class WelcomeController {

    private final String projectName;

    WelcomeController(@Value("${cellmonitor.project-name:Student Progress Tracker API}") String projectName) {
        this.projectName = projectName;
    }

    @GetMapping("/")
    Map<String, Object> welcome() {
        return Map.of("message", "Welcome to " + projectName);
    }
}
