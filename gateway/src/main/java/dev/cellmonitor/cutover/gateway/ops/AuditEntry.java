package dev.cellmonitor.cutover.gateway.ops;

import java.time.Instant;
import java.util.List;

/**
 * One audited flip: who, when, from where, why, and every feature it changed.
 *
 * @param undoes   the flip this one reverted, if it is an undo
 * @param undoneBy the undo that reverted this flip, if any
 */
public record AuditEntry(long id, Instant at, String actor, FlipSource source, String scope, String reason,
                         Long undoes, Long undoneBy, List<FeatureChange> changes) {
}
