package dev.cellmonitor.cutover.backend.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Expected texts produced by CPython 3 (repr, json.dumps) for the cases in python-text-cases.json. */
class PythonTextTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode cases() throws Exception {
        try (InputStream in = PythonTextTest.class.getResourceAsStream("/web/python-text-cases.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void floatReprMatchesPythonForEdgeAndRandomValues() throws Exception {
        for (JsonNode c : cases().get("floats")) {
            double d = Double.longBitsToDouble(c.get("bits").asLong());
            assertThat(PythonText.floatRepr(d)).as("bits %s", c.get("bits")).isEqualTo(c.get("repr").asString());
        }
    }

    @Test
    void dumpsSortedMatchesPythonJsonDumpsWithSortKeys() throws Exception {
        for (JsonNode c : cases().get("dumps")) {
            assertThat(PythonText.dumpsSorted(c.get("doc"))).isEqualTo(c.get("text").asString());
        }
    }

    @Test
    void reprMatchesPython() throws Exception {
        for (JsonNode c : cases().get("reprs")) {
            assertThat(PythonText.repr(c.get("value"))).isEqualTo(c.get("repr").asString());
        }
    }

    @Test
    void namesPythonTypes() {
        assertThat(PythonText.typeName(JSON.readTree("5"))).isEqualTo("int");
        assertThat(PythonText.typeName(JSON.readTree("5.0"))).isEqualTo("float");
        assertThat(PythonText.typeName(JSON.readTree("null"))).isEqualTo("NoneType");
        assertThat(PythonText.typeName(JSON.readTree("[1]"))).isEqualTo("list");
        assertThat(PythonText.typeName(JSON.readTree("{}"))).isEqualTo("dict");
    }
}
