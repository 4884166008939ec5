package dev.cellmonitor.cutover.backend.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The replay's comparison must catch real differences, or the replay proves nothing. */
class RecordedComparisonTest {

    private static final JsonNode GLOBAL = AdminApi.JSON.readTree("{\"id_key_regex\":\"^(id|.+_id|.+Id)$\","
            + "\"volatile_number_keys\":[\"duration_ms\"],\"volatile_timestamp_window_days\":3,\"string_substitutions\":[]}");
    private static final Instant RECORDED_AT = Instant.parse("2026-11-28T23:42:58.624075Z");

    private static boolean same(String recorded, String candidate, List<RecordingRules.Rule> rules, Map<String, RecordedComparison.Capture> captures) {
        return new RecordedComparison(GLOBAL, rules, captures, RECORDED_AT, Set.of())
                .equal(AdminApi.JSON.readTree(recorded), AdminApi.JSON.readTree(candidate));
    }

    private static boolean same(String recorded, String candidate) {
        return same(recorded, candidate, List.of(), Map.of());
    }

    @Test
    void catchesValueTypeAndKeyDifferences() {
        assertThat(same("{\"detail\":\"Instructor not found\"}", "{\"detail\":\"Instructor not found\"}")).isTrue();
        assertThat(same("{\"detail\":\"Instructor not found\"}", "{\"detail\":\"Not found\"}")).isFalse();
        assertThat(same("{\"a\":100.0}", "{\"a\":100}")).isFalse();
        assertThat(same("{\"a\":1}", "{\"a\":1,\"b\":2}")).isFalse();
        assertThat(same("[1,2]", "[2,1]")).isFalse();
        assertThat(same("[1,2]", "[2,1]", List.of(new RecordingRules.Rule("", "unordered", null, null, null)), Map.of())).isTrue();
    }

    @Test
    void acceptsGeneratedValuesOnlyInTheirFormatFamily() {
        assertThat(same("{\"t\":\"2026-11-28T23:42:59.188379Z\"}", "{\"t\":\"" + Instant.now() + "\"}")).isTrue();
        assertThat(same("{\"t\":\"2026-11-28T23:42:59.188379Z\"}", "{\"t\":\"2026-11-28T23:42:59.188379+00:00\"}")).isFalse();
        assertThat(same("{\"t\":\"2025-01-19T12:00:00Z\"}", "{\"t\":\"2025-01-19T12:00:01Z\"}")).as("fixed times must match").isFalse();
        assertThat(same("{\"id\":5}", "{\"id\":7}")).as("generated ids").isTrue();
        assertThat(same("{\"count\":5}", "{\"count\":7}")).isFalse();
    }

    @Test
    void holdsCapturedIdsToTheCandidatesOwn() {
        Map<String, RecordedComparison.Capture> captures = new LinkedHashMap<>();
        captures.put("inst2_id", new RecordedComparison.Capture(AdminApi.JSON.readTree("2"), AdminApi.JSON.readTree("3")));
        assertThat(same("{\"instructor_id\":2}", "{\"instructor_id\":3}", List.of(), captures)).isTrue();
        assertThat(same("{\"instructor_id\":2}", "{\"instructor_id\":4}", List.of(), captures)).isFalse();
    }

    @Test
    void comparesJwtsByHeaderClaimNamesAndSubject() {
        String recorded = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpbnN0cnVjdG9yQGV4YW1wbGUuY29tIiwiZXhwIjoxNzk1OTExMTc5fQ.tvWWj1UWiLyKl67vpCoJVNX4h_Zvk7Oow9M9Q1mzNxI";
        // {"sub":"instructor@example.com","exp":1795911180}, another signature
        String sameSubject = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpbnN0cnVjdG9yQGV4YW1wbGUuY29tIiwiZXhwIjoxNzk1OTExMTgwfQ.DtT6H5xTPGpQUiR7-87RyVx3t2it4AHXMjRChFf4ows";
        // {"sub":"other@example.com","exp":1795911179}
        String otherSubject = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvdGhlckBleGFtcGxlLmNvbSIsImV4cCI6MTc5NTkxMTE3OX0.x";
        assertThat(same("{\"t\":\"" + recorded + "\"}", "{\"t\":\"" + sameSubject + "\"}")).isTrue();
        assertThat(same("{\"t\":\"" + recorded + "\"}", "{\"t\":\"" + otherSubject + "\"}")).isFalse();
    }

    @Test
    void appliesSubRulesWithPythonReplacements() {
        RecordingRules.Rule sub = new RecordingRules.Rule("/detail", "sub", "(?s)^(prefix: ).*$", "\\1<x>", null);
        assertThat(same("{\"detail\":\"prefix: a\\nb\"}", "{\"detail\":\"prefix: c\"}", List.of(sub), Map.of())).isTrue();
        assertThat(same("{\"detail\":\"prefix: a\"}", "{\"detail\":\"other: c\"}", List.of(sub), Map.of())).isFalse();
    }
}
