package dev.cellmonitor.cutover.backend.monitoring.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundJsonTest {

    @Test
    void reportsPythonsDecodeErrors() {
        assertThat(InboundJson.pythonError("hello?")).isEqualTo("Expecting value: line 1 column 1 (char 0)");
        assertThat(InboundJson.pythonError("")).isEqualTo("Expecting value: line 1 column 1 (char 0)");
        assertThat(InboundJson.pythonError("   ")).isEqualTo("Expecting value: line 1 column 4 (char 3)");
        assertThat(InboundJson.pythonError("{a}")).isEqualTo("Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
        assertThat(InboundJson.pythonError("{\"a\" 1}")).isEqualTo("Expecting ':' delimiter: line 1 column 6 (char 5)");
        assertThat(InboundJson.pythonError("{\"a\": 1 \"b\"}")).isEqualTo("Expecting ',' delimiter: line 1 column 9 (char 8)");
        assertThat(InboundJson.pythonError("{} x")).isEqualTo("Extra data: line 1 column 4 (char 3)");
        assertThat(InboundJson.pythonError("[1,\n2,]")).isEqualTo("Expecting value: line 2 column 3 (char 6)");
        assertThat(InboundJson.pythonError("{\"a\": 1,}")).isEqualTo("Expecting property name enclosed in double quotes: line 1 column 9 (char 8)");
        assertThat(InboundJson.pythonError("\"abc")).isEqualTo("Unterminated string starting at: line 1 column 1 (char 0)");
        assertThat(InboundJson.pythonError("{\"type\": \"ping\"}")).isNull();
        assertThat(InboundJson.pythonError("NaN")).isNull();
    }

    @Test
    void parsesWhatPythonAccepts() {
        assertThat(InboundJson.parse(" {\"type\": \"ping\"} ")).isPresent();
        assertThat(InboundJson.parse("[1, 2]").orElseThrow().isArray()).isTrue();
        assertThat(InboundJson.parse("not json")).isEmpty();
        assertThat(InboundJson.parse("{\"a\":1} {}")).isEmpty();
    }
}
