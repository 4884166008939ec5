package dev.cellmonitor.cutover.load;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnobsTest {

    @Test
    void namesTheEnvironmentVariableOfEverySetting() {
        assertThat(Knobs.environmentName("peakUsers")).isEqualTo("LOAD_PEAK_USERS");
        assertThat(Knobs.environmentName("flip.maxPropagation")).isEqualTo("LOAD_FLIP_MAX_PROPAGATION");
        assertThat(Knobs.environmentName("baseUrl")).isEqualTo("LOAD_BASE_URL");
    }

    @Test
    void readsDurationsWithOrWithoutUnit() {
        Knobs knobs = Knobs.of(Map.of("a", "500ms", "b", "90s", "c", "5m", "d", "45", "e", "1.5m"));
        assertThat(knobs.duration("a", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(knobs.duration("b", null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(knobs.duration("c", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(knobs.duration("d", null)).isEqualTo(Duration.ofSeconds(45));
        assertThat(knobs.duration("e", null)).isEqualTo(Duration.ofSeconds(90));
        assertThat(knobs.duration("missing", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void explainsABadValueWithItsEnvironmentName() {
        Knobs knobs = Knobs.of(Map.of("users", "many", "rampUp", "soon"));
        assertThatThrownBy(() -> knobs.integer("users", 1)).hasMessageContaining("LOAD_USERS").hasMessageContaining("many");
        assertThatThrownBy(() -> knobs.duration("rampUp", null)).hasMessageContaining("90s");
    }

    @Test
    void suiteDefaultsApplyBelowWhatTheUserSet() {
        Knobs knobs = Knobs.of(Map.of("users", "30")).withDefaults(Map.of("users", "24", "plateau", "35s"));
        assertThat(knobs.integer("users", 0)).isEqualTo(30);
        assertThat(knobs.duration("plateau", null)).isEqualTo(Duration.ofSeconds(35));
        assertThat(knobs.text("other", "fallback")).isEqualTo("fallback");
    }
}
