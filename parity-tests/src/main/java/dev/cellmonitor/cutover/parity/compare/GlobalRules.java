package dev.cellmonitor.cutover.parity.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The {@code global} section of a rules file (FORMAT.md §8).
 *
 * @param idKeyRegex          keys whose integer values are generated ids
 * @param volatileNumberKeys  keys whose numbers are compared by type only (durations, elapsed times)
 * @param timestampWindow     timestamps this close to a side's clock are wall-clock values
 * @param redisIgnoreChannels channels left out of {@code redis} steps
 * @param substitutions       regex substitutions applied to every string on both sides
 * @param floatRelTolerance   relative tolerance of float comparison
 */
public record GlobalRules(Pattern idKeyRegex, Set<String> volatileNumberKeys, Duration timestampWindow,
                          Set<String> redisIgnoreChannels, List<Substitution> substitutions,
                          double floatRelTolerance) {

    public record Substitution(Pattern regex, String replacement) {
        String apply(String s) {
            return regex.matcher(s).replaceAll(replacement);
        }
    }

    public static GlobalRules defaults() {
        return new GlobalRules(Pattern.compile("^(id|.+_id|.+Id)$"), Set.of(), Duration.ofDays(3),
                Set.of("worker_heartbeat"), List.of(), 1e-9);
    }

    /** This section overlaid by {@code node} (a later rules file): lists are added, scalars replaced. */
    GlobalRules merge(JsonNode node) {
        if (node == null || !node.isObject()) {
            return this;
        }
        Pattern id = node.hasNonNull("id_key_regex") ? PythonRegex.compile(node.get("id_key_regex").asString())
                : idKeyRegex;
        Set<String> numbers = new LinkedHashSet<>(volatileNumberKeys);
        node.path("volatile_number_keys").forEach(v -> numbers.add(v.asString()));
        Duration window = node.hasNonNull("volatile_timestamp_window_days")
                ? Duration.ofSeconds(Math.round(node.get("volatile_timestamp_window_days").asDouble() * 86400))
                : timestampWindow;
        Set<String> channels = new LinkedHashSet<>(redisIgnoreChannels);
        node.path("redis_ignore_channels").forEach(v -> channels.add(v.asString()));
        List<Substitution> subs = new ArrayList<>(substitutions);
        for (JsonNode s : node.path("string_substitutions")) {
            subs.add(new Substitution(PythonRegex.compile(s.get("regex").asString()),
                    PythonRegex.replacement(s.path("repl").asString(""))));
        }
        double tolerance = node.hasNonNull("float_rel_tolerance") ? node.get("float_rel_tolerance").asDouble()
                : floatRelTolerance;
        return new GlobalRules(id, Set.copyOf(numbers), window, Set.copyOf(channels), List.copyOf(subs), tolerance);
    }
}
