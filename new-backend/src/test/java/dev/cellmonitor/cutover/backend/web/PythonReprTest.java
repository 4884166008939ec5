package dev.cellmonitor.cutover.backend.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PythonReprTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        assertThat(PythonRepr.truthy(JSON.readTree("\"false\""))).isTrue();
        assertThat(PythonRepr.truthy(JSON.readTree("0"))).isFalse();
        assertThat(PythonRepr.truthy(JSON.readTree("[]"))).isFalse();
        assertThat(PythonRepr.truthy(null)).isFalse();
    }
}
