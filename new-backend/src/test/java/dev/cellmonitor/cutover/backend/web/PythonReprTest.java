package dev.cellmonitor.cutover.backend.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Expected texts produced by CPython 3 (str, repr, json.dumps): inline cases and those of python-text-cases.json
 * (floats by bit pattern, sorted dumps, reprs).
 */
class PythonReprTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode cases() throws Exception {
        try (InputStream in = PythonReprTest.class.getResourceAsStream("/web/python-text-cases.json")) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5|5",
            "false|False",
            "null|None",
            "\"abc\"|abc",
            "1.0|1.0",
            "5.7|5.7",
            "1e16|1e+16",
            "1e15|1000000000000000.0",
            "0.0001|0.0001",
            "0.00001|1e-05",
            "-2.5e-7|-2.5e-07",
            "123456789012345678901234567890|123456789012345678901234567890",
            "[1, \"a\", true, null]|[1, 'a', True, None]",
            "{\"a\": [1.5], \"b'\": \"it's\"}|{'a': [1.5], \"b'\": \"it's\"}",
            "\"テスト\"|テスト"})
    void printsLikePythonStr(String json, String expected) {
        assertThat(PythonRepr.str(JSON.readTree(json))).isEqualTo(expected);
    }

    @Test
    void reprQuotesAndEscapesStrings() {
        assertThat(PythonRepr.repr(JSON.readTree("\"lunch\""))).isEqualTo("'lunch'");
        assertThat(PythonRepr.repr(JSON.readTree("\"a\\nb\\u0001\""))).isEqualTo("'a\\nb\\x01'");
        assertThat(PythonRepr.repr(JSON.readTree("\"say \\\"hi\\\" it's\""))).isEqualTo("'say \"hi\" it\\'s'");
    }

    @Test
    void dumpsJsonWithPythonsSeparatorsAndAsciiEscapes() {
        JsonNode value = JSON.readTree("{\"columns\":4,\"teams\":[\"A\",\"チーム\"],\"ok\":true,\"none\":null,\"x\":2.0}");
        assertThat(PythonRepr.jsonDumps(value))
                .isEqualTo("{\"columns\": 4, \"teams\": [\"A\", \"\\u30c1\\u30fc\\u30e0\"], \"ok\": true, \"none\": null, \"x\": 2.0}");
    }

    @Test
    void namesPythonTypesAndTruthiness() {
        assertThat(PythonRepr.typeName(JSON.readTree("{}"))).isEqualTo("dict");
        assertThat(PythonRepr.typeName(JSON.readTree("[]"))).isEqualTo("list");
        assertThat(PythonRepr.typeName(JSON.readTree("1"))).isEqualTo("int");
        assertThat(PythonRepr.typeName(JSON.readTree("1.5"))).isEqualTo("float");
        assertThat(PythonRepr.typeName(JSON.readTree("5"))).isEqualTo("int");
        assertThat(PythonRepr.typeName(JSON.readTree("5.0"))).isEqualTo("float");
        assertThat(PythonRepr.typeName(JSON.readTree("null"))).isEqualTo("NoneType");
        assertThat(PythonRepr.typeName(JSON.readTree("[1]"))).isEqualTo("list");
        assertThat(PythonRepr.truthy(JSON.readTree("\"false\""))).isTrue();
        assertThat(PythonRepr.truthy(JSON.readTree("0"))).isFalse();
        assertThat(PythonRepr.truthy(JSON.readTree("[]"))).isFalse();
        assertThat(PythonRepr.truthy(null)).isFalse();
    }

    @Test
    void floatReprMatchesPythonForEdgeAndRandomValues() throws Exception {
        for (JsonNode c : cases().get("floats")) {
            double d = Double.longBitsToDouble(c.get("bits").asLong());
            assertThat(PythonRepr.floatRepr(d)).as("bits %s", c.get("bits")).isEqualTo(c.get("repr").asString());
        }
    }

    @ParameterizedTest
    @CsvSource({"100.0,100.0", "0.0032,0.0032", "3.3333333333333335,3.3333333333333335", "0.0001,0.0001",
            "0.00001,1e-05", "1e16,1e+16", "1e15,1000000000000000.0", "123456789.5,123456789.5", "-2.5,-2.5",
            "1.5e-7,1.5e-07", "97.89,97.89", "2.0E22,2e+22"})
    void floatsAreWrittenLikePythonRepr(double value, String python) {
        assertThat(PythonRepr.floatRepr(value)).isEqualTo(python);
    }

    @Test
    void dumpsSortedMatchesPythonJsonDumpsWithSortKeys() throws Exception {
        for (JsonNode c : cases().get("dumps")) {
            assertThat(PythonRepr.dumpsSorted(c.get("doc"))).isEqualTo(c.get("text").asString());
        }
    }

    @Test
    void reprMatchesPython() throws Exception {
        for (JsonNode c : cases().get("reprs")) {
            assertThat(PythonRepr.repr(c.get("value"))).isEqualTo(c.get("repr").asString());
        }
    }

    @Test
    void separatorsAndEscapesAreThoseOfJsonDumps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", "今 \"q\" \\ \n\t\u0001\u007f");
        m.put("n", null);
        m.put("b", true);
        m.put("i", 3L);
        m.put("l", List.of(1, 2.5, "x"));
        m.put("o", Map.of());
        m.put("emoji", "😀");
        assertThat(PythonRepr.jsonDumps(m)).isEqualTo("{\"a\": \"\\u4eca \\\"q\\\" \\\\ \\n\\t\\u0001\\u007f\", \"n\": null,"
                + " \"b\": true, \"i\": 3, \"l\": [1, 2.5, \"x\"], \"o\": {}, \"emoji\": \"\\ud83d\\ude00\"}");
    }
}
