package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.web.ApiException;

/** The dashboard's REST routes ({@code /api/v1/dashboard}, no auth), CONTRACT §2.18. */
@RestController
@RequestMapping("/api/v1/dashboard")
class DashboardController {

    private static final Logger log = LoggerFactory.getLogger(DashboardController.class);

    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping("/overview")
    Map<String, Object> overview(@RequestParam(name = "time_range", defaultValue = "1h") String timeRange) {
        return guarded("Failed to get dashboard overview", () -> dashboard.overview(timeRange));
    }

    @GetMapping("/students/{email}/activity")
    Map<String, Object> activity(@PathVariable String email) {
        return guarded("Failed to get student activity", () -> dashboard.studentActivity(email)
                .orElseThrow(() -> ApiException.notFound("Student not found")));
    }

    @GetMapping("/metrics")
    Map<String, Object> metrics(@RequestParam(name = "time_range", defaultValue = "1h") String timeRange) {
        return guarded("Failed to get class metrics", () -> dashboard.metrics(timeRange));
    }

    @PostMapping("/students/{email}/dismiss-help")
    Map<String, Object> dismissHelp(@PathVariable String email) {
        guarded("Failed to dismiss help request", () -> {
            dashboard.dismissHelp(email);
            return null;
        });
        return answer("Help request dismissed for student " + email, email);
    }

    @PostMapping("/students/{email}/resolve-error")
    Map<String, Object> resolveError(@PathVariable String email) {
        boolean known;
        try {
            known = dashboard.resolveErrors(email);
        } catch (DataAccessException e) {
            log.error("resolve-error for {} failed", email, e);
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Failed to reset error status");
        }
        if (!known) {
            throw ApiException.notFound("Student not found");
        }
        return answer("Error status resolved for student " + email, email);
    }

    private static Map<String, Object> answer(String message, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", message);
        body.put("emailAddress", email);
        return body;
    }

    /** The legacy's catch-all answer of these routes, without its driver text. */
    private static <T> T guarded(String prefix, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            log.error("{}", prefix, e);
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, prefix + ": database unavailable");
        }
    }
}
