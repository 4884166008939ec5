package dev.cellmonitor.cutover.parity.compare;

import java.time.Instant;
import java.util.List;

/**
 * What one comparison may use beyond the two values: the rules that apply, the captures of both sides so far,
 * and each side's clock (timestamps near it are wall-clock values: the recording's {@code recorded_at} for a
 * recorded side, the run's start for a live side).
 */
public record Scope(List<Rule> rules, Captures expectedCaptures, Captures actualCaptures, Instant expectedClock,
                    Instant actualClock) {

    public Scope withRules(List<Rule> other) {
        return new Scope(other, expectedCaptures, actualCaptures, expectedClock, actualClock);
    }
}
