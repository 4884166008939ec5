package dev.cellmonitor.cutover.parity.compare;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Compares an expected (legacy) JSON value with an actual (candidate) one under the semantics of FORMAT.md §8
 * and the rules that apply: strict JSON types and key sets, arrays element-wise unless {@code unordered},
 * strings equal or equal after normalising generated values (UUIDs, wall-clock timestamps, JWTs, captured
 * values), numbers equal (floats with a relative tolerance) except durations and generated ids.
 */
public final class JsonComparator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_VARIANTS = 64;

    private final GlobalRules global;

    public JsonComparator(GlobalRules global) {
        this.global = global;
    }

    public GlobalRules global() {
        return global;
    }

    /** The differences, empty when the two values match. */
    public List<Difference> compare(JsonNode expected, JsonNode actual, Scope scope) {
        Walk walk = new Walk(scope);
        walk.walk(expected, actual, List.of(), null);
        return walk.out;
    }

    public boolean matches(JsonNode expected, JsonNode actual, Scope scope) {
        return compare(expected, actual, scope).isEmpty();
    }

    /** The JSON type name FORMAT.md uses: null, bool, int, float, string, array, object (missing when absent). */
    public static String type(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        if (n.isIntegralNumber()) {
            return "int";
        }
        if (n.isNumber()) {
            return "float";
        }
        if (n.isString()) {
            return "string";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isObject()) {
            return "object";
        }
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private final class Walk {

        final Scope scope;
        final List<Difference> out = new ArrayList<>();

        Walk(Scope scope) {
            this.scope = scope;
        }

        void walk(JsonNode e, JsonNode a, List<String> path, String key) {
            List<Rule> rules = scope.rules().stream().filter(r -> r.kind() != Rule.Kind.HEADERS && r.appliesTo(path))
                    .toList();
            if (rules.stream().anyMatch(r -> r.kind() == Rule.Kind.IGNORE)) {
                return;
            }
            for (Rule r : rules) {
                if (r.kind() == Rule.Kind.SUB) {
                    e = sub(r, e);
                    a = sub(r, a);
                }
            }
            for (Rule r : rules) {
                if (terminal(r, e, a, path, key)) {
                    return;
                }
            }
            if (!type(e).equals(type(a))) {
                diff(path, "type", e, a, "expected " + type(e) + ", got " + type(a));
                return;
            }
            if (e.isObject()) {
                objects(e, a, path);
            } else if (e.isArray()) {
                Rule mode = rules.stream().filter(r -> r.kind() == Rule.Kind.UNORDERED || r.kind() == Rule.Kind.ORDERED)
                        .findFirst().orElse(null);
                if (mode != null && mode.kind() == Rule.Kind.UNORDERED) {
                    if (mode.key() != null) {
                        byKey(e, a, path, key, mode.key());
                    } else {
                        multiset(e, a, path, key);
                    }
                } else {
                    ordered(e, a, path, key);
                }
            } else if (e.isString()) {
                strings(e.stringValue(), a.stringValue(), path);
            } else if (e.isNumber()) {
                numbers(e, a, path, key);
            } else if (!e.equals(a)) {
                diff(path, "value", e, a, "expected " + e + ", got " + a);
            }
        }

        /** Applies a rule that decides the comparison at this path on its own; false when it does not. */
        private boolean terminal(Rule r, JsonNode e, JsonNode a, List<String> path, String key) {
            switch (r.kind()) {
                case PATTERN -> {
                    String text = a != null && a.isString() ? a.stringValue() : String.valueOf(a);
                    if (!r.regex().matcher(text).find()) {
                        diff(path, "pattern", e, a, "does not match /" + r.regex() + "/: " + abbreviate(text));
                    }
                    return true;
                }
                case ONEOF -> {
                    if (r.values().stream().noneMatch(v -> sameScalar(v, a))) {
                        diff(path, "oneof", e, a, abbreviate(String.valueOf(a)) + " is not one of " + r.values());
                    }
                    return true;
                }
                case IGNORE_VALUE -> {
                    sameType(e, a, path);
                    return true;
                }
                case VOLATILE -> {
                    if (sameType(e, a, path)) {
                        captured(e, a, path, name -> true);
                    }
                    return true;
                }
                case NORMALISE -> {
                    return normalise(r.as(), e, a, path);
                }
                case TOLERANCE -> {
                    if (sameType(e, a, path) && e.isNumber()) {
                        double x = e.doubleValue();
                        double y = a.doubleValue();
                        double d = Math.abs(x - y);
                        boolean ok = (r.abs() != null && d <= r.abs())
                                || (r.rel() != null && d <= r.rel() * Math.max(Math.abs(x), Math.abs(y)));
                        if (!ok) {
                            diff(path, "value", e, a, "expected " + e + " \u00b1" + (r.abs() != null ? r.abs() : "")
                                    + (r.rel() != null ? " (rel " + r.rel() + ")" : "") + ", got " + a);
                        }
                    }
                    return e != null && e.isNumber();
                }
                case SHAPE -> {
                    shape(e, a, path);
                    return true;
                }
                case KEYS_ONLY -> {
                    if (sameType(e, a, path) && e.isObject()) {
                        keys(e, a, path);
                    }
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private boolean normalise(Rule.Normalise as, JsonNode e, JsonNode a, List<String> path) {
            switch (as) {
                case TIMESTAMP -> {
                    if (e == null || !e.isString() || Normalisers.timestampFamily(e.stringValue()).isEmpty()) {
                        return false;
                    }
                    Optional<String> fe = Normalisers.timestampFamily(e.stringValue());
                    Optional<String> fa = a != null && a.isString() ? Normalisers.timestampFamily(a.stringValue())
                            : Optional.empty();
                    if (!fe.equals(fa)) {
                        diff(path, "value", e, a, "expected a timestamp like " + e + " (" + fe.get() + "), got " + a);
                    }
                    return true;
                }
                case UUID -> {
                    if (e == null || !e.isString() || !Normalisers.isUuid(e.stringValue())) {
                        return false;
                    }
                    if (a == null || !a.isString() || !Normalisers.isUuid(a.stringValue())) {
                        diff(path, "value", e, a, "expected a UUID, got " + a);
                    }
                    return true;
                }
                case DURATION -> {
                    sameType(e, a, path);
                    return true;
                }
                case ID -> {
                    if (sameType(e, a, path)) {
                        captured(e, a, path, name -> true);
                    }
                    return true;
                }
                default -> throw new IllegalStateException(as.name());
            }
        }

        private void objects(JsonNode e, JsonNode a, List<String> path) {
            for (String k : e.propertyNames()) {
                if (!a.has(k)) {
                    diff(child(path, k), "missing", e.get(k), null, "missing key '" + k + "'");
                }
            }
            for (String k : a.propertyNames()) {
                if (!e.has(k)) {
                    diff(child(path, k), "unexpected", null, a.get(k), "unexpected key '" + k + "'");
                }
            }
            for (String k : e.propertyNames()) {
                if (a.has(k)) {
                    walk(e.get(k), a.get(k), child(path, k), k);
                }
            }
        }

        private void keys(JsonNode e, JsonNode a, List<String> path) {
            List<String> missing = e.propertyNames().stream().filter(k -> !a.has(k)).toList();
            List<String> extra = a.propertyNames().stream().filter(k -> !e.has(k)).toList();
            if (!missing.isEmpty() || !extra.isEmpty()) {
                diff(path, "keys", null, null, "key sets differ: missing " + missing + ", unexpected " + extra);
            }
        }

        private void ordered(JsonNode e, JsonNode a, List<String> path, String key) {
            if (e.size() != a.size()) {
                diff(path, "length", e, a, "expected " + e.size() + " elements, got " + a.size());
            }
            for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                walk(e.get(i), a.get(i), child(path, Integer.toString(i)), key);
            }
        }

        private void multiset(JsonNode e, JsonNode a, List<String> path, String key) {
            int n = e.size();
            int m = a.size();
            Boolean[][] memo = new Boolean[n][m];
            int[] matchOfActual = new int[m];
            Arrays.fill(matchOfActual, -1);
            int[] matchOfExpected = new int[n];
            Arrays.fill(matchOfExpected, -1);
            for (int i = 0; i < n; i++) {
                augment(i, e, a, path, key, memo, matchOfActual, matchOfExpected, new boolean[m]);
            }
            if (n != m) {
                diff(path, "length", e, a, "expected " + n + " elements, got " + m + " (compared as a multiset)");
            }
            List<Integer> freeActual = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (matchOfActual[j] < 0) {
                    freeActual.add(j);
                }
            }
            for (int i = 0; i < n; i++) {
                if (matchOfExpected[i] >= 0) {
                    continue;
                }
                List<String> at = child(path, Integer.toString(i));
                List<Difference> best = null;
                Integer bestJ = null;
                for (Integer j : freeActual) {
                    Walk w = new Walk(scope);
                    w.walk(e.get(i), a.get(j), at, key);
                    if (best == null || w.out.size() < best.size()) {
                        best = w.out;
                        bestJ = j;
                    }
                }
                if (bestJ != null) {
                    freeActual.remove(bestJ);
                    diff(at, "unmatched", e.get(i), a.get(bestJ), "no equal element in the candidate's array"
                            + " (closest is element " + bestJ + ")");
                    out.addAll(best);
                } else {
                    diff(at, "unmatched", e.get(i), null, "no equal element in the candidate's array");
                }
            }
            for (Integer j : freeActual) {
                diff(child(path, Integer.toString(j)), "unexpected", null, a.get(j),
                        "candidate element " + j + " has no equal element in the legacy's array");
            }
        }

        private boolean augment(int i, JsonNode e, JsonNode a, List<String> path, String key, Boolean[][] memo,
                                int[] matchOfActual, int[] matchOfExpected, boolean[] seen) {
            int m = a.size();
            for (int step = 0; step < m; step++) {
                int j = (i + step) % m;
                if (seen[j] || !equalAt(i, j, e, a, path, key, memo)) {
                    continue;
                }
                seen[j] = true;
                if (matchOfActual[j] < 0
                        || augment(matchOfActual[j], e, a, path, key, memo, matchOfActual, matchOfExpected, seen)) {
                    matchOfActual[j] = i;
                    matchOfExpected[i] = j;
                    return true;
                }
            }
            return false;
        }

        private boolean equalAt(int i, int j, JsonNode e, JsonNode a, List<String> path, String key, Boolean[][] memo) {
            if (memo[i][j] == null) {
                Walk w = new Walk(scope);
                w.walk(e.get(i), a.get(j), child(path, Integer.toString(i)), key);
                memo[i][j] = w.out.isEmpty();
            }
            return memo[i][j];
        }

        private void byKey(JsonNode e, JsonNode a, List<String> path, String key, String keyPointer) {
            Map<String, List<Integer>> left = group(e, keyPointer);
            Map<String, List<Integer>> right = group(a, keyPointer);
            for (Map.Entry<String, List<Integer>> g : left.entrySet()) {
                List<Integer> other = right.getOrDefault(g.getKey(), List.of());
                for (int k = 0; k < g.getValue().size(); k++) {
                    int i = g.getValue().get(k);
                    List<String> at = child(path, Integer.toString(i));
                    if (k < other.size()) {
                        walk(e.get(i), a.get(other.get(k)), at, key);
                    } else {
                        diff(at, "unmatched", e.get(i), null, "no candidate element with " + keyPointer + " = "
                                + g.getKey());
                    }
                }
            }
            for (Map.Entry<String, List<Integer>> g : right.entrySet()) {
                int have = left.getOrDefault(g.getKey(), List.of()).size();
                for (int k = have; k < g.getValue().size(); k++) {
                    int j = g.getValue().get(k);
                    diff(child(path, Integer.toString(j)), "unexpected", null, a.get(j),
                            "no legacy element with " + keyPointer + " = " + g.getKey());
                }
            }
        }

        private Map<String, List<Integer>> group(JsonNode array, String keyPointer) {
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode k = array.get(i).at(keyPointer.isEmpty() ? "" : keyPointer);
                groups.computeIfAbsent(k.isMissingNode() ? "<missing>" : k.toString(), x -> new ArrayList<>()).add(i);
            }
            return groups;
        }

        private void shape(JsonNode e, JsonNode a, List<String> path) {
            if (scope.rules().stream().anyMatch(r -> r.kind() == Rule.Kind.IGNORE && r.appliesTo(path))) {
                return;
            }
            if (!sameType(e, a, path)) {
                return;
            }
            if (e.isObject()) {
                for (String k : e.propertyNames()) {
                    if (!a.has(k)) {
                        diff(child(path, k), "missing", e.get(k), null, "missing key '" + k + "'");
                    } else {
                        shape(e.get(k), a.get(k), child(path, k));
                    }
                }
                for (String k : a.propertyNames()) {
                    if (!e.has(k)) {
                        diff(child(path, k), "unexpected", null, a.get(k), "unexpected key '" + k + "'");
                    }
                }
            } else if (e.isArray()) {
                if (e.size() != a.size()) {
                    diff(path, "length", e, a, "expected " + e.size() + " elements, got " + a.size());
                }
                for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                    shape(e.get(i), a.get(i), child(path, Integer.toString(i)));
                }
            }
        }

        private void strings(String e, String a, List<String> path) {
            if (e.equals(a)) {
                return;
            }
            JsonNode en = NODES.stringNode(e);
            JsonNode an = NODES.stringNode(a);
            if (e.length() >= 6 && !namesCapturing(en).isEmpty()) {
                captured(en, an, path, name -> true);
                return;
            }
            Optional<Normalisers.Jwt> je = Normalisers.jwt(e);
            Optional<Normalisers.Jwt> ja = Normalisers.jwt(a);
            if (je.isPresent() && ja.isPresent()) {
                Normalisers.Jwt x = je.get();
                Normalisers.Jwt y = ja.get();
                if (!x.header().equals(y.header()) || !x.claims().equals(y.claims())
                        || !Objects.equals(x.sub(), y.sub())) {
                    diff(path, "jwt", en, an, "JWTs differ: header " + x.header() + " vs " + y.header()
                            + ", claims " + x.claims() + " vs " + y.claims() + ", sub " + x.sub() + " vs " + y.sub());
                }
                return;
            }
            String e1 = substitute(e);
            String a1 = substitute(a);
            String target = normal(a1, false);
            if (normal(e1, true).equals(target)) {
                return;
            }
            List<Normalisers.Token> tokens = captureTokens();
            if (!tokens.isEmpty()) {
                for (String v : Normalisers.variants(e1, tokens, MAX_VARIANTS)) {
                    if (normal(v, true).equals(target)) {
                        return;
                    }
                }
            }
            diff(path, "value", en, an, "expected " + abbreviate(quote(e)) + ", got " + abbreviate(quote(a)));
        }

        private String substitute(String s) {
            for (GlobalRules.Substitution sub : global.substitutions()) {
                s = sub.apply(s);
            }
            return s;
        }

        private String normal(String s, boolean expectedSide) {
            return Normalisers.timestamps(Normalisers.uuids(s),
                    expectedSide ? scope.expectedClock() : scope.actualClock(), global.timestampWindow());
        }

        /** Captured values of the expected side that the actual side captured differently, as string tokens. */
        private List<Normalisers.Token> captureTokens() {
            Map<String, List<String>> byValue = new LinkedHashMap<>();
            Map<String, Pattern> where = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> c : scope.expectedCaptures().asMap().entrySet()) {
                JsonNode mine = c.getValue();
                JsonNode theirs = scope.actualCaptures().get(c.getKey());
                if (theirs == null || mine.equals(theirs) || !(mine.isIntegralNumber() || mine.isString())) {
                    continue;
                }
                String text = mine.isString() ? mine.stringValue() : mine.asString();
                if (mine.isString() && text.length() < 4) {
                    continue;
                }
                where.computeIfAbsent(text, t -> mine.isString() ? Pattern.compile(Pattern.quote(t))
                        : Pattern.compile("(?<![0-9])" + Pattern.quote(t) + "(?![0-9])"));
                byValue.computeIfAbsent(text, t -> new ArrayList<>())
                        .add(theirs.isString() ? theirs.stringValue() : theirs.asString());
            }
            List<Normalisers.Token> tokens = new ArrayList<>();
            byValue.forEach((text, repl) -> tokens.add(new Normalisers.Token(where.get(text), repl)));
            return tokens;
        }

        private void numbers(JsonNode e, JsonNode a, List<String> path, String key) {
            if (key != null && global.volatileNumberKeys().contains(key)) {
                return;
            }
            if (e.isIntegralNumber()) {
                if (key != null && global.idKeyRegex().matcher(key).find()) {
                    captured(e, a, path, name -> related(key, name));
                    return;
                }
                BigInteger x = e.bigIntegerValue();
                if (!x.equals(a.bigIntegerValue())) {
                    diff(path, "value", e, a, "expected " + e + ", got " + a);
                }
                return;
            }
            double x = e.doubleValue();
            double y = a.doubleValue();
            if (x != y && Math.abs(x - y) > global.floatRelTolerance() * Math.max(Math.abs(x), Math.abs(y))) {
                diff(path, "value", e, a, "expected " + e + ", got " + a);
            }
        }

        /**
         * Reference consistency: when the expected value was captured earlier (under a name {@code accept}s), the
         * actual value must be what the actual side captured under that name; otherwise the value is free.
         */
        private void captured(JsonNode e, JsonNode a, List<String> path, java.util.function.Predicate<String> accept) {
            List<String> names = namesCapturing(e).stream().filter(accept).toList();
            if (names.isEmpty()) {
                return;
            }
            for (String name : names) {
                JsonNode theirs = scope.actualCaptures().get(name);
                if (theirs != null && sameScalar(theirs, a)) {
                    return;
                }
            }
            List<String> wanted = names.stream().map(n -> "{{" + n + "}}=" + scope.actualCaptures().get(n)).toList();
            diff(path, "reference", e, a, "expected the candidate's own captured value " + String.join(" or ", wanted)
                    + " (legacy: " + e + "), got " + a);
        }

        private List<String> namesCapturing(JsonNode value) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, JsonNode> c : scope.expectedCaptures().asMap().entrySet()) {
                if (sameScalar(c.getValue(), value)) {
                    names.add(c.getKey());
                }
            }
            return names;
        }

        private boolean sameType(JsonNode e, JsonNode a, List<String> path) {
            if (!type(e).equals(type(a))) {
                diff(path, "type", e, a, "expected " + type(e) + ", got " + type(a));
                return false;
            }
            return true;
        }

        private JsonNode sub(Rule r, JsonNode n) {
            if (n == null || !n.isString()) {
                return n;
            }
            return NODES.stringNode(r.regex().matcher(n.stringValue()).replaceAll(r.replacement()));
        }

        private void diff(List<String> path, String kind, JsonNode e, JsonNode a, String message) {
            out.add(new Difference(PathPattern.pointer(path), kind, e, a, message));
        }
    }

    /**
     * Whether a capture name is "related" to an id key: their stems (lower case, without a trailing
     * {@code _id}/{@code Id}, digits and underscores) are non-empty, start with the same letter and one is an
     * abbreviation (subsequence) of the other: {@code class_id} ~ {@code class2_id}, {@code cls0};
     * {@code assignment_id} ~ {@code assign_id}, {@code as1}; {@code instructor_id} ~ {@code inst2_id}.
     */
    static boolean related(String key, String captureName) {
        String k = stem(key);
        String c = stem(captureName);
        return !k.isEmpty() && !c.isEmpty() && (abbreviates(c, k) || abbreviates(k, c));
    }

    private static String stem(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.endsWith("_id")) {
            l = l.substring(0, l.length() - 3);
        } else if (l.endsWith("id")) {
            l = l.substring(0, l.length() - 2);
        }
        return l.replaceAll("[0-9_]", "");
    }

    private static boolean abbreviates(String shortOne, String longOne) {
        if (shortOne.charAt(0) != longOne.charAt(0)) {
            return false;
        }
        int j = 0;
        for (int i = 0; i < longOne.length() && j < shortOne.length(); i++) {
            if (longOne.charAt(i) == shortOne.charAt(j)) {
                j++;
            }
        }
        return j == shortOne.length();
    }

    private static List<String> child(List<String> path, String segment) {
        List<String> out = new ArrayList<>(path.size() + 1);
        out.addAll(path);
        out.add(segment);
        return out;
    }

    static boolean sameScalar(JsonNode x, JsonNode y) {
        if (x == null || y == null) {
            return x == y;
        }
        if (x.isNumber() && y.isNumber()) {
            return type(x).equals(type(y)) && x.decimalValue().compareTo(y.decimalValue()) == 0;
        }
        return x.equals(y);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }
}
