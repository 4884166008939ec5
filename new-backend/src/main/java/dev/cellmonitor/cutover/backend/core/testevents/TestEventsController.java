package dev.cellmonitor.cutover.backend.core.testevents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.web.JsonBody;

/** The legacy's test-only event store, under its doubled prefix {@code /api/v1/v1/test/test/events}. */
@RestController
@RequestMapping("/api/v1/v1/test/test/events")
class TestEventsController {

    private final TestEventStore store;

    TestEventsController(TestEventStore store) {
        this.store = store;
    }

    @PostMapping("/{testId}")
    Map<String, Object> store(@PathVariable String testId, @RequestBody(required = false) byte[] body,
                              @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        List<Map<String, Object>> events = EventData.readBatch(JsonBody.parse(body, contentType)).stream()
                .map(EventData::echo).toList();
        int stored = store.store(testId, events);
        return Map.of("message", stored + " test events stored for test_id: " + testId);
    }

    @GetMapping("/{testId}")
    Map<String, Object> events(@PathVariable String testId) {
        List<Map<String, Object>> events = store.events(testId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("test_id", testId);
        answer.put("events", events);
        answer.put("count", events.size());
        return answer;
    }

    @DeleteMapping("/{testId}")
    Map<String, Object> clear(@PathVariable String testId) {
        int cleared = store.clear(testId);
        return Map.of("message", "Cleared " + cleared + " events for test_id: " + testId);
    }

    @GetMapping
    Map<String, Object> testIds() {
        List<String> ids = store.testIds();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("test_ids", ids);
        answer.put("count", ids.size());
        return answer;
    }
}
