package dev.cellmonitor.cutover.parity.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonComparatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant RECORDED = Instant.parse("2026-11-28T23:42:39.703245Z");
    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

    private final JsonComparator comparator = new JsonComparator(GlobalRules.defaults().merge(json("""
            {"volatile_number_keys": ["duration_ms"],
             "string_substitutions": [{"regex": "errors\\\\.pydantic\\\\.dev/[0-9.]+/", "repl": "errors.pydantic.dev/<ver>/"}]}
            """)));

    static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    private List<Difference> diff(String expected, String actual, String... rules) {
        return diff(expected, actual, Captures.none(), Captures.none(), rules);
    }

    private List<Difference> diff(String expected, String actual, Captures mine, Captures theirs, String... rules) {
        List<Rule> parsed = java.util.Arrays.stream(rules).map(r -> Rule.parse(json(r), "test")).toList();
        return comparator.compare(json(expected), json(actual), new Scope(parsed, mine, theirs, RECORDED, NOW));
    }

    private static Captures captures(String json) {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        json(json).properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return Captures.of(m);
    }

    @Nested
    class Types {

        @Test
        void floatIsNotAnInt() {
            assertThat(diff("{\"score\": 100.0}", "{\"score\": 100}"))
                    .singleElement().satisfies(d -> {
                        assertThat(d.path()).isEqualTo("/score");
                        assertThat(d.kind()).isEqualTo("type");
                    });
        }

        @Test
        void keySetsAreStrictAtEveryLevel() {
            List<Difference> d = diff("{\"a\": {\"x\": 1, \"y\": 2}}", "{\"a\": {\"x\": 1, \"z\": 2}}");
            assertThat(d).extracting(Difference::path, Difference::kind)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/a/y", "missing"),
                            org.assertj.core.groups.Tuple.tuple("/a/z", "unexpected"));
        }

        @Test
        void keyOrderIsNotCompared() {
            assertThat(diff("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}")).isEmpty();
        }

        @Test
        void floatsHaveARelativeTolerance() {
            assertThat(diff("[33.33333333333333]", "[33.333333333333336]")).isEmpty();
            assertThat(diff("[33.3]", "[33.4]")).hasSize(1);
        }
    }

    @Nested
    class Normalisers {

        @Test
        void uuidsAnywhereInAString() {
            assertThat(diff("\"classroom_map_ba60ee72-7951-49d0-99b5-a07683061089.jpg\"",
                    "\"classroom_map_0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.jpg\"")).isEmpty();
            assertThat(diff("\"classroom_map_ba60ee72-7951-49d0-99b5-a07683061089.jpg\"",
                    "\"classroom_map_0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9.png\"")).hasSize(1);
        }

        @Test
        void wallClockTimestampsCompareByFormatFamily() {
            // recorded near recorded_at, candidate near its own clock: values differ, families agree
            assertThat(diff("{\"t\": \"2026-11-28T23:42:59.555955Z\"}", "{\"t\": \"2027-03-01T10:00:01.5Z\"}"))
                    .isEmpty();
            assertThat(diff("{\"t\": \"2026-11-28T23:42:59.555955+00:00\"}", "{\"t\": \"2027-03-01T10:00:01+00:00\"}"))
                    .isEmpty();
            assertThat(diff("{\"t\": \"updated 2026-11-28T23:42:59.555955\"}", "{\"t\": \"updated 2027-03-01T09:59:59\"}"))
                    .isEmpty();
        }

        @Test
        void zTimeOffsetTimeAndNaiveTimeAreDifferentFamilies() {
            assertThat(diff("{\"t\": \"2026-11-28T23:42:59.555955Z\"}", "{\"t\": \"2027-03-01T10:00:01.5+00:00\"}"))
                    .hasSize(1);
            assertThat(diff("{\"t\": \"2026-11-28T23:42:59.555955\"}", "{\"t\": \"2027-03-01T10:00:01.5Z\"}"))
                    .hasSize(1);
            assertThat(diff("{\"t\": \"2026-11-28T23:42:59\"}", "{\"t\": \"2027-03-01 10:00:01\"}")).hasSize(1);
        }

        @Test
        void fixedTimestampsMustBeEqual() {
            assertThat(diff("{\"t\": \"2025-04-14T10:00:10.000Z\"}", "{\"t\": \"2025-04-14T10:00:10.000Z\"}")).isEmpty();
            assertThat(diff("{\"t\": \"2025-04-14T10:00:10.000Z\"}", "{\"t\": \"2025-04-14T10:00:11.000Z\"}"))
                    .hasSize(1);
            // a wall-clock value where the legacy echoed a fixed one is a difference too
            assertThat(diff("{\"t\": \"2025-04-14T10:00:10.000Z\"}", "{\"t\": \"2027-03-01T10:00:00.000Z\"}"))
                    .hasSize(1);
        }

        @Test
        void jwtsCompareHeaderClaimNamesAndSubject() {
            String legacy = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpbnN0cnVjdG9yQGV4YW1wbGUuY29tIiwiZXhwIjoxNzk1OTExMTc5fQ.tvWWj1UWiLyKl67vpCoJVNX4h_Zvk7Oow9M9Q1mzNxI";
            String sameSubLaterExp = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                    "{\"sub\":\"instructor@example.com\",\"exp\":1800000000}");
            String otherSub = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"other@example.com\",\"exp\":1795911179}");
            String extraClaim = jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                    "{\"sub\":\"instructor@example.com\",\"exp\":1795911179,\"iat\":1}");
            assertThat(diff(q(legacy), q(sameSubLaterExp))).isEmpty();
            assertThat(diff(q(legacy), q(otherSub))).singleElement().extracting(Difference::kind).isEqualTo("jwt");
            assertThat(diff(q(legacy), q(extraClaim))).singleElement().extracting(Difference::kind).isEqualTo("jwt");
        }

        private static String jwt(String header, String payload) {
            java.util.Base64.Encoder b = java.util.Base64.getUrlEncoder().withoutPadding();
            return b.encodeToString(header.getBytes()) + "." + b.encodeToString(payload.getBytes()) + ".c2lnbmF0dXJl";
        }

        @Test
        void durationsCompareByTypeOnly() {
            assertThat(diff("{\"duration_ms\": 12.5}", "{\"duration_ms\": 3.25}")).isEmpty();
            assertThat(diff("{\"duration_ms\": 12.5}", "{\"duration_ms\": 3}")).hasSize(1);
        }

        @Test
        void generatedIdsMayDifferUnlessCapturedEarlier() {
            Captures legacy = captures("{\"class_id\": 1, \"as0\": 1}");
            Captures candidate = captures("{\"class_id\": 5, \"as0\": 9}");
            // an unrelated generated id is free
            assertThat(diff("{\"id\": 3}", "{\"id\": 17}", legacy, candidate)).isEmpty();
            // the captured class must come back as the candidate's own class id
            assertThat(diff("{\"class_id\": 1}", "{\"class_id\": 5}", legacy, candidate)).isEmpty();
            assertThat(diff("{\"class_id\": 1}", "{\"class_id\": 1}", legacy, candidate))
                    .singleElement().extracting(Difference::kind).isEqualTo("reference");
            assertThat(diff("{\"assignment_id\": 1}", "{\"assignment_id\": 9}", legacy, candidate)).isEmpty();
        }

        @Test
        void capturedValuesInsideStringsAreTheCandidatesOwn() {
            Captures legacy = captures("{\"sub_id\": 1}");
            Captures candidate = captures("{\"sub_id\": 7}");
            assertThat(diff("{\"detail\": \"Submission with id 1 not found\"}",
                    "{\"detail\": \"Submission with id 7 not found\"}", legacy, candidate)).isEmpty();
            assertThat(diff("{\"detail\": \"Submission with id 1 not found\"}",
                    "{\"detail\": \"Submission with id 8 not found\"}", legacy, candidate)).hasSize(1);
        }

        @Test
        void longStringsEqualToACaptureMustBeTheCandidatesCapture() {
            Captures legacy = captures("{\"v1\": \"97fe2dba2142\"}");
            Captures candidate = captures("{\"v1\": \"0123abcd4567\"}");
            assertThat(diff("{\"parent_version_id\": \"97fe2dba2142\"}", "{\"parent_version_id\": \"0123abcd4567\"}",
                    legacy, candidate)).isEmpty();
            assertThat(diff("{\"parent_version_id\": \"97fe2dba2142\"}", "{\"parent_version_id\": \"ffffffffffff\"}",
                    legacy, candidate)).singleElement().extracting(Difference::kind).isEqualTo("reference");
        }

        @Test
        void globalStringSubstitutionsApplyToBothSides() {
            assertThat(diff("{\"url\": \"https://errors.pydantic.dev/2.6/v/missing\"}",
                    "{\"url\": \"https://errors.pydantic.dev/2.10/v/missing\"}")).isEmpty();
        }
    }

    @Nested
    class Arrays {

        @Test
        void orderedByDefault() {
            assertThat(diff("[1, 2, 3]", "[3, 2, 1]")).hasSize(2);
            assertThat(diff("[1, 2]", "[1, 2, 3]")).singleElement().extracting(Difference::kind).isEqualTo("length");
        }

        @Test
        void unorderedComparesAMultiset() {
            String rule = "{\"path\": \"/items\", \"kind\": \"unordered\"}";
            assertThat(diff("{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 2}]}",
                    "{\"items\": [{\"n\": 2}, {\"n\": 1}, {\"n\": 2}]}", rule)).isEmpty();
            List<Difference> d = diff("{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 2}]}",
                    "{\"items\": [{\"n\": 2}, {\"n\": 1}, {\"n\": 1}]}", rule);
            assertThat(d).extracting(Difference::kind).contains("unmatched");
            assertThat(d).extracting(Difference::path).contains("/items/2/n");
        }

        @Test
        void unorderedByKeyPairsElementsByTheirKey() {
            String rule = "{\"path\": \"/rows\", \"kind\": \"unordered\", \"key\": \"/email\"}";
            assertThat(diff("{\"rows\": [{\"email\": \"a\", \"n\": 1}, {\"email\": \"b\", \"n\": 2}]}",
                    "{\"rows\": [{\"email\": \"b\", \"n\": 2}, {\"email\": \"a\", \"n\": 1}]}", rule)).isEmpty();
            List<Difference> d = diff("{\"rows\": [{\"email\": \"a\", \"n\": 1}, {\"email\": \"b\", \"n\": 2}]}",
                    "{\"rows\": [{\"email\": \"b\", \"n\": 3}, {\"email\": \"c\", \"n\": 1}]}", rule);
            assertThat(d).extracting(Difference::path, Difference::kind).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("/rows/0", "unmatched"),
                    org.assertj.core.groups.Tuple.tuple("/rows/1/n", "value"),
                    org.assertj.core.groups.Tuple.tuple("/rows/1", "unexpected"));
        }

        @Test
        void orderedRuleWinsOverABroaderUnordered() {
            assertThat(diff("{\"a\": [1, 2]}", "{\"a\": [2, 1]}",
                    "{\"path\": \"/a\", \"kind\": \"ordered\"}", "{\"path\": \"**\", \"kind\": \"unordered\"}"))
                    .hasSize(2);
        }
    }

    @Nested
    class Rules {

        @Test
        void ignoreSkipsTheValueButNotTheKey() {
            String rule = "{\"path\": \"/activityChart\", \"kind\": \"ignore\"}";
            assertThat(diff("{\"activityChart\": [1, 2]}", "{\"activityChart\": \"x\"}", rule)).isEmpty();
            assertThat(diff("{\"activityChart\": [1, 2]}", "{}", rule)).singleElement()
                    .extracting(Difference::kind).isEqualTo("missing");
        }

        @Test
        void ignoreValueKeepsTheType() {
            String rule = "{\"path\": \"/batch_stats/batch_id\", \"kind\": \"ignore_value\"}";
            assertThat(diff("{\"batch_stats\": {\"batch_id\": \"58c1f506\"}}", "{\"batch_stats\": {\"batch_id\": \"0a\"}}",
                    rule)).isEmpty();
            assertThat(diff("{\"batch_stats\": {\"batch_id\": \"58c1f506\"}}", "{\"batch_stats\": {\"batch_id\": 5}}",
                    rule)).hasSize(1);
        }

        @Test
        void starMatchesOneSegmentAndDoubleStarAny() {
            assertThat(diff("{\"a\": {\"b\": {\"version_id\": \"x\"}}}", "{\"a\": {\"b\": {\"version_id\": \"y\"}}}",
                    "{\"path\": \"**/version_id\", \"kind\": \"ignore_value\"}")).isEmpty();
            assertThat(diff("{\"version_id\": \"x\"}", "{\"version_id\": \"y\"}",
                    "{\"path\": \"**/version_id\", \"kind\": \"ignore_value\"}")).isEmpty();
            assertThat(diff("{\"s\": [{\"t\": 1}, {\"t\": 2}]}", "{\"s\": [{\"t\": 5}, {\"t\": 6}]}",
                    "{\"path\": \"/s/*/t\", \"kind\": \"ignore_value\"}")).isEmpty();
            assertThat(diff("{\"s\": {\"x\": {\"t\": 1}}}", "{\"s\": {\"x\": {\"t\": 5}}}",
                    "{\"path\": \"/s/*\", \"kind\": \"ignore_value\"}")).isEmpty();
        }

        @Test
        void keysOnlyComparesTheKeySet() {
            String rule = "{\"path\": \"/paths\", \"kind\": \"keys_only\"}";
            assertThat(diff("{\"paths\": {\"/a\": 1, \"/b\": 2}}", "{\"paths\": {\"/b\": 9, \"/a\": [1]}}", rule)).isEmpty();
            assertThat(diff("{\"paths\": {\"/a\": 1, \"/b\": 2}}", "{\"paths\": {\"/a\": 1}}", rule)).hasSize(1);
        }

        @Test
        void shapeComparesTypesKeysAndLengths() {
            String rule = "{\"path\": \"\", \"kind\": \"shape\"}";
            assertThat(diff("[{\"id\": 1, \"name\": \"a\"}]", "[{\"id\": 7, \"name\": \"z\"}]", rule)).isEmpty();
            assertThat(diff("[{\"id\": 1, \"name\": \"a\"}]", "[{\"id\": 7, \"name\": null}]", rule)).hasSize(1);
            assertThat(diff("[{\"id\": 1}]", "[{\"id\": 1}, {\"id\": 2}]", rule)).hasSize(1);
        }

        @Test
        void patternChecksTheCandidateValue() {
            String rule = "{\"path\": \"/students/*/lastActivity\", \"kind\": \"pattern\", \"regex\": \"^([0-9]+(秒|分|時間|日)前|不明)$\"}";
            assertThat(diff("{\"students\": [{\"lastActivity\": \"24秒前\"}]}",
                    "{\"students\": [{\"lastActivity\": \"3分前\"}]}", rule)).isEmpty();
            assertThat(diff("{\"students\": [{\"lastActivity\": \"24秒前\"}]}",
                    "{\"students\": [{\"lastActivity\": \"3 minutes ago\"}]}", rule)).hasSize(1);
        }

        @Test
        void oneofAcceptsListedValues() {
            String rule = "{\"path\": \"/status\", \"kind\": \"oneof\", \"values\": [\"active\", \"idle\"]}";
            assertThat(diff("{\"status\": \"active\"}", "{\"status\": \"idle\"}", rule)).isEmpty();
            assertThat(diff("{\"status\": \"active\"}", "{\"status\": \"error\"}", rule)).hasSize(1);
        }

        @Test
        void subRewritesBothSidesWithPythonReplacementSyntax() {
            String rule = "{\"path\": \"/detail\", \"kind\": \"sub\", \"regex\": \"^(設定作成に失敗しました: ).*$\", \"repl\": \"\\\\1<driver error text>\"}";
            assertThat(diff("{\"detail\": \"設定作成に失敗しました: (psycopg2.errors.UniqueViolation) ...\"}",
                    "{\"detail\": \"設定作成に失敗しました: duplicate key\"}", rule)).isEmpty();
            assertThat(diff("{\"detail\": \"設定作成に失敗しました: x\"}", "{\"detail\": \"failed: x\"}", rule)).hasSize(1);
        }

        @Test
        void volatileAllowsAnotherValueButKeepsReferences() {
            String rule = "{\"path\": \"**/version_id\", \"kind\": \"volatile\"}";
            assertThat(diff("{\"version_id\": \"abc\"}", "{\"version_id\": \"xyz\"}", rule)).isEmpty();
            Captures legacy = captures("{\"v1\": \"abc\"}");
            Captures candidate = captures("{\"v1\": \"xyz\"}");
            assertThat(diff("{\"version_id\": \"abc\"}", "{\"version_id\": \"xyz\"}", legacy, candidate, rule)).isEmpty();
            assertThat(diff("{\"version_id\": \"abc\"}", "{\"version_id\": \"qqq\"}", legacy, candidate, rule)).hasSize(1);
        }

        @Test
        void normaliseTimestampComparesTheFormatFamilyOfAnyTimestamp() {
            String rule = "{\"path\": \"/t\", \"kind\": \"normalise\", \"as\": \"timestamp\"}";
            assertThat(diff("{\"t\": \"2025-01-19T12:00:00Z\"}", "{\"t\": \"2031-05-05T01:02:03.4Z\"}", rule)).isEmpty();
            assertThat(diff("{\"t\": \"2025-01-19T12:00:00Z\"}", "{\"t\": \"2031-05-05T01:02:03\"}", rule)).hasSize(1);
        }

        @Test
        void normaliseUuidDurationAndId() {
            assertThat(diff("{\"u\": \"ef68dcb6-5904-41c9-9a4e-6008bc38121d\"}", "{\"u\": \"00000000-0000-4000-8000-000000000000\"}",
                    "{\"path\": \"/u\", \"kind\": \"normalise\", \"as\": \"uuid\"}")).isEmpty();
            assertThat(diff("{\"u\": \"ef68dcb6-5904-41c9-9a4e-6008bc38121d\"}", "{\"u\": \"not-a-uuid\"}",
                    "{\"path\": \"/u\", \"kind\": \"normalise\", \"as\": \"uuid\"}")).hasSize(1);
            assertThat(diff("{\"elapsed\": 3}", "{\"elapsed\": 4}",
                    "{\"path\": \"/elapsed\", \"kind\": \"normalise\", \"as\": \"duration\"}")).isEmpty();
            assertThat(diff("{\"elapsed\": 3}", "{\"elapsed\": 4.0}",
                    "{\"path\": \"/elapsed\", \"kind\": \"normalise\", \"as\": \"duration\"}")).hasSize(1);
            assertThat(diff("{\"map_key\": 3}", "{\"map_key\": 4}",
                    "{\"path\": \"/map_key\", \"kind\": \"normalise\", \"as\": \"id\"}")).isEmpty();
        }

        @Test
        void toleranceAcceptsCloseNumbers() {
            String rule = "{\"path\": \"/cpu\", \"kind\": \"tolerance\", \"abs\": 0.5}";
            assertThat(diff("{\"cpu\": 10.0}", "{\"cpu\": 10.4}", rule)).isEmpty();
            assertThat(diff("{\"cpu\": 10.0}", "{\"cpu\": 10.6}", rule)).hasSize(1);
            String relative = "{\"path\": \"/n\", \"kind\": \"tolerance\", \"rel\": 0.1}";
            assertThat(diff("{\"n\": 100}", "{\"n\": 109}", relative)).isEmpty();
            assertThat(diff("{\"n\": 100}", "{\"n\": 112}", relative)).hasSize(1);
        }
    }

    @Test
    void relatedCaptureNamesAreAbbreviationsOfTheKey() {
        assertThat(JsonComparator.related("class_id", "class2_id")).isTrue();
        assertThat(JsonComparator.related("class_id", "cls0")).isTrue();
        assertThat(JsonComparator.related("assignment_id", "as3")).isTrue();
        assertThat(JsonComparator.related("instructor_id", "inst2_id")).isTrue();
        assertThat(JsonComparator.related("student_id", "sub1")).isFalse();
        assertThat(JsonComparator.related("id", "class_id")).isFalse();
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }
}
