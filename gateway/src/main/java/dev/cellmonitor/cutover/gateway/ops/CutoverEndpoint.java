package dev.cellmonitor.cutover.gateway.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/** {@code /actuator/cutover}: every route with its stage and effective target, groups, flag store and breakers. */
@Component
@Endpoint(id = "cutover")
public class CutoverEndpoint {

    private final CutoverView view;

    CutoverEndpoint(CutoverView view) {
        this.view = view;
    }

    @ReadOperation
    public Map<String, Object> cutover() {
        Map<String, Object> out = new LinkedHashMap<>(view.status());
        out.put("groups", view.groups());
        out.put("routes", view.routes());
        return out;
    }
}
