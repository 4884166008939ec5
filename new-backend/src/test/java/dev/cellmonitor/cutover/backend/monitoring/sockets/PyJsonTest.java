package dev.cellmonitor.cutover.backend.monitoring.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PyJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesFloatsAsPythonsRepr() {
        assertThat(PyJson.floatRepr(100.0)).isEqualTo("100.0");
        assertThat(PyJson.floatRepr(0.0045)).isEqualTo("0.0045");
        assertThat(PyJson.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PyJson.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PyJson.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PyJson.floatRepr(123456789012345680.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(PyJson.floatRepr(9999999999999998.0)).isEqualTo("9999999999999998.0");
        assertThat(PyJson.floatRepr(66.66666666666666)).isEqualTo("66.66666666666666");
        assertThat(PyJson.floatRepr(-2.5)).isEqualTo("-2.5");
        assertThat(PyJson.floatRepr(1.5e-7)).isEqualTo("1.5e-07");
    }

    @Test
    void dumpsLikeJsonDumpsDefaults() {
        String text = PyJson.dumps(JSON.readTree("{\"type\":\"progress_update\",\"data\":{\"name\":\"林 大輝\",\"n\":[1,2.0],\"ok\":true,\"x\":null}}"));
        assertThat(text).isEqualTo("{\"type\": \"progress_update\", \"data\": {\"name\": \"\\u6797 \\u5927\\u8f1d\", \"n\": [1, 2.0], \"ok\": true, \"x\": null}}");
        assertThat(PyJson.compact(JSON.readTree("{\"a\":\"é\",\"b\":[1,0.5]}"))).isEqualTo("{\"a\":\"é\",\"b\":[1,0.5]}");
        assertThat(PyJson.dumps(JSON.readTree("\"tab\\there\\u007f\""))).isEqualTo("\"tab\\there\\u007f\"");
    }

    @Test
    void printsValuesAsPythonsStr() {
        assertThat(PyJson.str(JSON.readTree("null"))).isEqualTo("None");
        assertThat(PyJson.str(JSON.readTree("true"))).isEqualTo("True");
        assertThat(PyJson.str(JSON.readTree("\"ok\""))).isEqualTo("ok");
        assertThat(PyJson.str(JSON.readTree("{\"a\": [1, \"b\", 2.0]}"))).isEqualTo("{'a': [1, 'b', 2.0]}");
        assertThat(PyJson.str(JSON.readTree("[\"it's\"]"))).isEqualTo("[\"it's\"]");
        assertThat(PyJson.len("😀a")).isEqualTo(2);
    }
}
