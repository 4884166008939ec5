package dev.cellmonitor.cutover.backend.core.cellmonitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.web.ApiException;
import dev.cellmonitor.cutover.backend.web.JsonBody;
import dev.cellmonitor.cutover.backend.web.ValidationErrors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/v1/cell-monitor} (CONTRACT.md §2.2): a CellMonitor payload (12 optional fields) published as
 * compact JSON to Redis {@code notifications}. Where the legacy answers a Redis outage with a bare 500, this answers
 * 503 with a {@code detail}.
 */
@RestController
class CellMonitorController {

    private static final Logger log = LoggerFactory.getLogger(CellMonitorController.class);
    // Pydantic's model_dump_json: no spaces, non-ASCII raw
    private static final JsonMapper COMPACT = JsonMapper.builder().build();

    private final StringRedisTemplate redis;
    private final String channel;

    CellMonitorController(StringRedisTemplate redis, RedisNames names) {
        this.redis = redis;
        this.channel = names.channel(RedisNames.NOTIFICATIONS);
    }

    @PostMapping("/api/v1/v1/cell-monitor")
    Map<String, Object> receive(@RequestBody(required = false) byte[] body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        Map<String, Object> data = read(JsonBody.parse(body, contentType));
        try {
            redis.convertAndSend(channel, COMPACT.writeValueAsString(data));
        } catch (RuntimeException e) {
            log.warn("cell-monitor payload not published: {}", e.toString());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Cell monitoring data could not be published: Redis unavailable");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "ok");
        answer.put("message", "Cell monitoring data received and published");
        answer.put("user_id", data.get("userId"));
        answer.put("cell_id", data.get("cellId"));
        return answer;
    }

    /** CellMonitor as Pydantic validates it, all 12 keys in declaration order. */
    private static Map<String, Object> read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ValidationErrors.single("missing", List.of("body"), "Field required", null);
        }
        ValidationErrors errors = new ValidationErrors();
        if (!JsonBody.requireObject(body, errors, "body")) {
            errors.throwIfAny();
        }
        JsonBody.Fields f = JsonBody.fields(body, errors, "body");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", f.str("userId", false));
        data.put("notebookPath", f.str("notebookPath", false));
        data.put("cellId", f.str("cellId", false));
        data.put("cellIndex", f.integer("cellIndex", false));
        data.put("cellType", f.str("cellType", false));
        data.put("cellContent", f.str("cellContent", false));
        data.put("outputs", outputs(f.list("outputs", false), errors));
        data.put("executionCount", f.integer("executionCount", false));
        data.put("executionTime", f.number("executionTime", false));
        data.put("executionStatus", f.str("executionStatus", false));
        data.put("timestamp", f.str("timestamp", false));
        JsonNode metadata = f.object("metadata", false);
        data.put("metadata", metadata == null ? null : JsonBody.plain(metadata));
        errors.throwIfAny();
        return data;
    }

    /** {@code outputs: List[Dict[str, Any]]}: every item must be an object. */
    private static List<Object> outputs(JsonNode list, ValidationErrors errors) {
        if (list == null) {
            return null;
        }
        List<Object> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                errors.add("dict_type", List.of("body", "outputs", i), "Input should be a valid dictionary",
                        JsonBody.plain(item));
            }
            items.add(JsonBody.plain(item));
        }
        return items;
    }
}
