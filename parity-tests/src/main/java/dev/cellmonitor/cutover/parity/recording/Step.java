package dev.cellmonitor.cutover.parity.recording;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a recording after the setup line: an {@code http}, {@code ws}, {@code wait}, {@code db} or
 * {@code redis} step (FORMAT.md §2-7), kept as the JSON it was read from so that record mode can write it back
 * unchanged apart from the observed parts.
 */
public record Step(ObjectNode node) {

    public String kind() {
        return node.path("kind").asString("");
    }

    public int number() {
        return node.path("step").asInt();
    }

    public String scenario() {
        return node.path("scenario").asString("");
    }

    public String name() {
        return node.path("name").asString(kind() + " #" + number());
    }

    public String route() {
        return node.path("route").asString("");
    }

    public String group() {
        return node.path("group").asString("");
    }

    /** {@code wait} steps are not compared and not counted. */
    public boolean compared() {
        return !kind().equals("wait");
    }

    /** The route label of the per-route table: side-effect steps are labelled {@code <route> [db]}/{@code [redis]}. */
    public String label() {
        return switch (kind()) {
            case "db" -> route() + " [db]";
            case "redis" -> route() + " [redis]";
            default -> route();
        };
    }

    public JsonNode get(String field) {
        return node.get(field);
    }
}
