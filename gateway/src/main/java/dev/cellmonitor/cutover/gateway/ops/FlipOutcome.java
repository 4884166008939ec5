package dev.cellmonitor.cutover.gateway.ops;

import java.time.Instant;
import java.util.List;

/**
 * What a flip changed (or, for a dry run, would change).
 *
 * @param flip    audit id; null for a dry run or when nothing changed
 * @param changes the features written, from -> to
 * @param routes  the routes whose effective stage changes, from -> to
 */
public record FlipOutcome(Long flip, boolean dryRun, Instant at, String actor, FlipSource source, String scope,
                          String reason, Long undoes, List<FeatureChange> changes, List<RouteChange> routes) {

    public record RouteChange(String id, String route, String from, String to, String fromTarget, String toTarget) {
    }
}
