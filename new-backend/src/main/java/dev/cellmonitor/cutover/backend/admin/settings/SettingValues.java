package dev.cellmonitor.cutover.backend.admin.settings;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.cellmonitor.cutover.backend.web.PythonRepr;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/**
 * Typed setting values as the legacy's {@code parse_setting_value} makes them ({@code int} → Python int,
 * {@code bool} → true for true/1/yes/on, {@code json} → parsed JSON, anything else → the text), and the text the
 * legacy stores for a new value.
 */
public final class SettingValues {

    /** Python's int(): surrounding whitespace, a sign, digits with single underscores between them. */
    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?\\d+(_\\d+)*");
    private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "on");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private SettingValues() {
    }

    /** A stored value that its declared type cannot read (the legacy answers 500 for these). */
    static final class Unreadable extends Exception {
        Unreadable(Setting setting) {
            super("setting " + setting.key() + " holds " + setting.value() + " which is no " + setting.type(), null, false, false);
        }
    }

    /** The typed value; JSON null for a json setting holding {@code null}. */
    public static JsonNode typed(Setting setting) throws Unreadable {
        String text = setting.value();
        switch (setting.type()) {
            case "int" -> {
                return pythonInt(text).<JsonNode>map(JsonNodeFactory.instance::numberNode).orElseThrow(() -> new Unreadable(setting));
            }
            case "bool" -> {
                return BooleanNode.valueOf(TRUE_WORDS.contains(text.toLowerCase(Locale.ROOT)));
            }
            case "json" -> {
                try {
                    return JSON.readTree(text);
                } catch (JacksonException e) {
                    throw new Unreadable(setting);
                }
            }
            default -> {
                return StringNode.valueOf(text);
            }
        }
    }

    /** Python's {@code int(text)} for decimal text; empty when it would raise. */
    public static Optional<BigInteger> pythonInt(String text) {
        String s = text == null ? "" : text.strip();
        if (!PYTHON_INT.matcher(s).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigInteger(s.replace("_", "")));
    }

    /**
     * The text stored for a new value: Python's {@code str(value)} as the legacy stores it, except that a json
     * setting given a non-string value stores JSON ({@code json.dumps}), which the legacy then reads back instead of
     * failing on a Python repr.
     */
    static String storedText(Setting setting, JsonNode newValue) {
        if ("json".equals(setting.type()) && !newValue.isString()) {
            return PythonRepr.jsonDumps(newValue);
        }
        return PythonRepr.str(newValue);
    }
}
