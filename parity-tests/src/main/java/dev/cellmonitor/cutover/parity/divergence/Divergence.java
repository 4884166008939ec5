package dev.cellmonitor.cutover.parity.divergence;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.parity.compare.Rule;

/**
 * One intentional difference of {@code docs/divergences.md}: the parity rule of a table row (see that file's
 * header and parity-tests/README.md for the keys).
 *
 * @param id      the row's id (e.g. {@code CE-1})
 * @param route   a route key, {@code ~<regex>} over route keys, {@code WS <path>}, {@code REDIS <channel>} or
 *                {@code DB <table>}
 * @param step    only this step ({@code <scenario>@<step name>} or {@code <scenario>#<n>}), or null
 * @param status  the status relaxation, or null
 * @param rules   extra comparison rules for the route (rules.json syntax)
 * @param ws      WebSocket leniencies
 */
public record Divergence(String id, String section, int line, String route, String step, StatusRule status,
                         List<Rule> rules, Set<Ws> ws, String json) {

    /** When the legacy answered one of {@code legacy}, the candidate may answer one of {@code candidate}. */
    public record StatusRule(Set<Integer> legacy, Set<Integer> candidate, Body body) {
    }

    /** How the body is compared when a status relaxation applies. */
    public enum Body {
        /** the candidate's body must be a legacy-shaped {@code {"detail": ...}} JSON object */
        DETAIL,
        /** content type and body are not compared */
        ANY,
        /** content type and body are compared as usual */
        SAME
    }

    public enum Ws {
        /** the candidate may send frames the legacy did not (every legacy frame must still arrive, in order) */
        EXTRA_FRAMES,
        /** the candidate may keep open a socket the legacy closed (a missing close/eof frame is accepted) */
        NO_CLOSE
    }

    /** Whether this row is about an HTTP/WS step of {@code routeKey} (and this very step, if it names one). */
    public boolean appliesToRoute(String routeKey, String scenario, String stepName, int stepNumber) {
        if (!stepMatches(scenario, stepName, stepNumber)) {
            return false;
        }
        if (route.startsWith("~")) {
            return Pattern.compile(route.substring(1)).matcher(routeKey).find();
        }
        return route.equals(routeKey);
    }

    /** Whether this row is about the rows of {@code table} in a db step taken after {@code routeKey}. */
    public boolean appliesToTable(String table, String routeKey, String scenario, String stepName, int stepNumber) {
        return stepMatches(scenario, stepName, stepNumber)
                && (route.equals("DB " + table) || appliesToRoute(routeKey, scenario, stepName, stepNumber));
    }

    /** Whether this row is about the messages of {@code channel} in a redis step taken after {@code routeKey}. */
    public boolean appliesToChannel(String channel, String routeKey, String scenario, String stepName, int stepNumber) {
        return stepMatches(scenario, stepName, stepNumber)
                && (route.equals("REDIS " + channel) || appliesToRoute(routeKey, scenario, stepName, stepNumber));
    }

    private boolean stepMatches(String scenario, String stepName, int stepNumber) {
        return step == null || step.equals(scenario + "@" + stepName) || step.equals(scenario + "#" + stepNumber);
    }

    @Override
    public String toString() {
        return id + " (" + route + ")";
    }
}
