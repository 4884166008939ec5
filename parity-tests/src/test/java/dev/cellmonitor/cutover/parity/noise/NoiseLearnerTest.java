package dev.cellmonitor.cutover.parity.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cellmonitor.cutover.parity.compare.Difference;

/** Diffy's rule: raw must exceed noise and pass both the relative (20%) and the absolute (0.03%) threshold. */
class NoiseLearnerTest {

    private static final String ROUTE = "GET /api/v1/health";

    private static List<Difference> at(String... paths) {
        return java.util.Arrays.stream(paths).map(p -> new Difference(p, "value", null, null, "differs")).toList();
    }

    @Test
    void aFieldTheLegacyAlsoChangesIsNoise() {
        NoiseLearner learner = new NoiseLearner();
        for (int i = 0; i < 10; i++) {
            learner.observe(ROUTE, at("/body/timestamp"), at("/body/timestamp"));
        }
        NoiseLearner.Field f = learner.field(ROUTE, "/body/timestamp");
        assertThat(f.raw()).isEqualTo(10);
        assertThat(f.noise()).isEqualTo(10);
        assertThat(f.real()).isFalse();
        assertThat(learner.noiseFields()).extracting(NoiseLearner.Field::field).containsExactly("/body/timestamp");
    }

    @Test
    void aFieldOnlyTheCandidateChangesIsReal() {
        NoiseLearner learner = new NoiseLearner();
        for (int i = 0; i < 10; i++) {
            learner.observe(ROUTE, at("/body/status"), List.of());
        }
        NoiseLearner.Field f = learner.field(ROUTE, "/body/status");
        assertThat(f.relative()).isEqualTo(100.0);
        assertThat(f.absolute()).isEqualTo(100.0);
        assertThat(f.real()).isTrue();
    }

    @Test
    void theRelativeThresholdSeparatesSlightlyMoreFromMuchMore() {
        // raw 11 vs noise 9 of 20: relative 2/20 = 10% <= 20% -> noise
        NoiseLearner learner = new NoiseLearner();
        for (int i = 0; i < 20; i++) {
            learner.observe(ROUTE, i < 11 ? at("/body/x") : List.of(), i < 9 ? at("/body/x") : List.of());
        }
        assertThat(learner.field(ROUTE, "/body/x").relative()).isEqualTo(10.0);
        assertThat(learner.field(ROUTE, "/body/x").real()).isFalse();
        // raw 15 vs noise 5 of 20: relative 10/20 = 50%, absolute 10/20 = 50% -> real
        NoiseLearner more = new NoiseLearner();
        for (int i = 0; i < 20; i++) {
            more.observe(ROUTE, i < 15 ? at("/body/x") : List.of(), i < 5 ? at("/body/x") : List.of());
        }
        assertThat(more.field(ROUTE, "/body/x").real()).isTrue();
    }

    @Test
    void theAbsoluteThresholdIgnoresRareDifferencesInALotOfTraffic() {
        // raw 1 vs noise 0 in 10,000 requests: relative 100%, absolute 0.01% <= 0.03% -> noise
        NoiseLearner learner = new NoiseLearner();
        learner.observe(ROUTE, at("/body/y"), List.of());
        for (int i = 1; i < 10_000; i++) {
            learner.observe(ROUTE, List.of(), List.of());
        }
        NoiseLearner.Field f = learner.field(ROUTE, "/body/y");
        assertThat(f.absolute()).isEqualTo(0.01);
        assertThat(f.real()).isFalse();
        // the same difference 4 times: absolute 0.04% -> real
        NoiseLearner four = new NoiseLearner();
        for (int i = 0; i < 10_000; i++) {
            four.observe(ROUTE, i < 4 ? at("/body/y") : List.of(), List.of());
        }
        assertThat(four.field(ROUTE, "/body/y").real()).isTrue();
    }

    @Test
    void arrayIndicesCountAsOneField() {
        NoiseLearner learner = new NoiseLearner();
        learner.observe(ROUTE, at("/body/students/0/lastActivity", "/body/students/3/lastActivity"), List.of());
        assertThat(learner.field(ROUTE, "/body/students/*/lastActivity").raw()).isEqualTo(1);
    }
}
