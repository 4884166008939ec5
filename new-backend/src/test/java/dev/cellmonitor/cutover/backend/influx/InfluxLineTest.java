package dev.cellmonitor.cutover.backend.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class InfluxLineTest {

    @Test
    void sortsTagsLeavesOutEmptyOnesAndKeepsFieldOrder() {
        String line = InfluxLine.measurement("m").tag("z", "1").tag("a", "").tag("b", null).tag("c", "x y")
                .field("s", "say \"hi\" \\").field("i", 3L).field("f", 5.0).field("ok", false)
                .at(Instant.ofEpochSecond(1, 2));
        assertThat(line).isEqualTo("m,c=x\\ y,z=1 s=\"say \\\"hi\\\" \\\\\",i=3i,f=5.0,ok=false 1000000002");
    }

    @Test
    void escapesLikeThePythonClient() {
        assertThat(InfluxLine.escape("a,b=c d\\e\nf\tg\rh")).isEqualTo("a\\,b\\=c\\ d\\\\e\\nf\\tg\\rh");
    }
}
