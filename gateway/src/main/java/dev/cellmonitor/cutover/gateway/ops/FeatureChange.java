package dev.cellmonitor.cutover.gateway.ops;

/** One feature written by a flip, as text ({@code LEGACY}, {@code CANARY 25%}, {@code INHERIT}...). */
public record FeatureChange(String feature, String from, String to) {
}
