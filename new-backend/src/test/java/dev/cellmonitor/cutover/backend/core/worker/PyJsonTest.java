package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's {@code json.dumps} defaults, byte for byte (the reference values come from CPython 3.12). */
class PyJsonTest {

    @ParameterizedTest
    @CsvSource({"100.0,100.0", "0.0032,0.0032", "3.3333333333333335,3.3333333333333335", "0.0001,0.0001",
            "0.00001,1e-05", "1e16,1e+16", "1e15,1000000000000000.0", "123456789.5,123456789.5", "-2.5,-2.5",
            "1.5e-7,1.5e-07", "97.89,97.89", "2.0E22,2e+22"})
    void floatsAreWrittenLikePythonRepr(double value, String python) {
        assertThat(PyJson.floatRepr(value)).isEqualTo(python);
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
        assertThat(PyJson.write(m)).isEqualTo("{\"a\": \"\\u4eca \\\"q\\\" \\\\ \\n\\t\\u0001\\u007f\", \"n\": null,"
                + " \"b\": true, \"i\": 3, \"l\": [1, 2.5, \"x\"], \"o\": {}, \"emoji\": \"\\ud83d\\ude00\"}");
    }
}
