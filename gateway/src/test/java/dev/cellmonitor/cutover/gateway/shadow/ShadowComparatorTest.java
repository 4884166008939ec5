package dev.cellmonitor.cutover.gateway.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ShadowComparatorTest {

    private final ShadowComparator comparator = new ShadowComparator();

    private static Captured json(int status, String body) {
        return new Captured(status, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
    }

    private ShadowComparator.Result compare(String legacy, String candidate) {
        return comparator.compare(json(200, legacy), json(200, candidate));
    }

    @Test
    void ignoresKeyOrderGeneratedIdsAndWallClockTimesOfTheSameFormat() {
        assertThat(compare(
                "{\"id\":1,\"class_id\":4,\"created_at\":\"2026-11-28T22:56:02.777427Z\",\"name\":\"Py\"}",
                "{\"name\":\"Py\",\"created_at\":\"2026-11-29T01:02:03Z\",\"class_id\":9,\"id\":12}").match()).isTrue();
        assertThat(compare("{\"file\":\"classroom_map_1b4e28ba-2fa1-11d2-883f-0016d3cca427.jpg\"}",
                "{\"file\":\"classroom_map_6fa459ea-ee8a-3ca4-894e-db77e160355e.jpg\"}").match()).isTrue();
        assertThat(compare("{\"duration_ms\":3}", "{\"duration_ms\":17}").match()).isTrue();
    }

    @Test
    void keepsTimestampFormatFamiliesApart() {
        ShadowComparator.Result result = compare("{\"updated_at\":\"2026-11-28T22:56:02+00:00\"}",
                "{\"updated_at\":\"2026-11-28T22:56:02Z\"}");
        assertThat(result.match()).isFalse();
        assertThat(result.where()).isEqualTo("/updated_at");
    }

    @Test
    void keepsJsonTypesStrict() {
        assertThat(compare("{\"score\":100.0}", "{\"score\":100}").where()).isEqualTo("/score");
        assertThat(compare("{\"id\":1}", "{\"id\":\"1\"}").match()).isFalse();
        assertThat(compare("{\"a\":null}", "{\"a\":0}").match()).isFalse();
    }

    @Test
    void reportsMissingAndExtraKeysAndArrayLengths() {
        assertThat(compare("{\"a\":1,\"b\":2}", "{\"a\":1}").where()).isEqualTo("/b");
        assertThat(compare("{\"a\":1}", "{\"a\":1,\"c\":3}").candidate()).isEqualTo("3");
        assertThat(compare("{\"items\":[1,2]}", "{\"items\":[1]}").where()).isEqualTo("/items (length)");
        assertThat(compare("{\"items\":[{\"x\":\"a\"}]}", "{\"items\":[{\"x\":\"b\"}]}").where()).isEqualTo("/items/0/x");
    }

    @Test
    void comparesStatusFirstAndNonJsonBodiesByBytes() {
        assertThat(comparator.compare(json(404, "{}"), json(200, "{}")).where()).isEqualTo("status");
        Captured text = new Captured(404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8), false);
        assertThat(comparator.compare(text, text).match()).isTrue();
        Captured other = new Captured(404, "text/plain", "Nope".getBytes(StandardCharsets.UTF_8), false);
        assertThat(comparator.compare(text, other).where()).isEqualTo("body");
    }
}
