package dev.cellmonitor.cutover.backend.web;

import tools.jackson.databind.JsonNode;

/**
 * A request body already decoded the FastAPI way ({@link JsonBody#parse}). Declared as a handler parameter it
 * is decoded while Spring resolves the arguments, i.e. in parameter order: put it before an authentication
 * parameter and a malformed body is reported (422 {@code json_invalid}) before a missing token, as FastAPI
 * does (it reads the body before it runs any dependency).
 *
 * @param body the decoded body, {@code null} when the request had none
 */
public record JsonRequest(JsonNode body) {

    /** The body, or the legacy's {@code missing} error at {@code ["body"]} (a JSON {@code null} body counts as none). */
    public JsonNode required() {
        return JsonBody.require(body == null || body.isNull() ? null : body);
    }
}
