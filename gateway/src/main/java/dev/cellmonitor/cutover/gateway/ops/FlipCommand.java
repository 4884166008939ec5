package dev.cellmonitor.cutover.gateway.ops;

import java.util.List;
import java.util.Optional;

import dev.cellmonitor.cutover.catalogue.RouteGroup;
import dev.cellmonitor.cutover.flags.RouteStage;

/**
 * Set one stage for a group or for some routes.
 *
 * @param group  the group to set (exclusive with {@code routes})
 * @param routes route ids to set; all routes of a state unit must be named together
 * @param stage  the new setting; empty means INHERIT (a route drops its override and follows its group)
 */
public record FlipCommand(RouteGroup group, List<String> routes, Optional<RouteStage> stage, String reason,
                          String actor, FlipSource source, boolean dryRun) {

    public FlipCommand {
        routes = routes == null ? List.of() : List.copyOf(routes);
        if ((group == null) == routes.isEmpty()) {
            throw FlipRefused.badRequest("name either a group or one or more routes");
        }
        if (reason == null || reason.isBlank()) {
            throw FlipRefused.badRequest("a reason is required");
        }
        if (group != null && stage.isEmpty()) {
            throw FlipRefused.badRequest("INHERIT applies to routes only; a group always has a stage");
        }
    }
}
