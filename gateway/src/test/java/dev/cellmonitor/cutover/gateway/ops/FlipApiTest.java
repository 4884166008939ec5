package dev.cellmonitor.cutover.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.cellmonitor.cutover.gateway.support.GatewayIntegrationTest;

class FlipApiTest extends GatewayIntegrationTest {

    private static final List<String> OFFLINE_QUEUE = List.of("post-v1-offline-queue", "post-v1-offline-sync",
            "get-v1-offline-status", "delete-v1-offline-clear", "get-v1-offline-failed-events");

    @Test
    void refusesToSplitAStateUnitAndNamesTheSiblings() {
        ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("routes", List.of("get-v1-offline-status"), "stage", "NEW", "reason", "try it"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.error").value(e -> assertThat((String) e).contains("offline-queue", "post-v1-offline-sync"))
                .jsonPath("$.unit").isEqualTo("offline-queue")
                .jsonPath("$.siblings.length()").isEqualTo(5)
                .jsonPath("$.missing.length()").isEqualTo(4);

        assertThat(servedBy("/api/v1/v1/offline/status")).isEqualTo("legacy");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cutover.flip", Integer.class)).isZero();
    }

    @Test
    void movesAStateUnitWhenTheFlipNamesAllSiblings() {
        Map<?, ?> outcome = flipRoutes(OFFLINE_QUEUE, "NEW", "offline queue moves as one");

        assertThat((List<?>) outcome.get("routes")).hasSize(5);
        assertThat(servedBy("/api/v1/v1/offline/status")).isEqualTo("new");
        assertThat(servedBy("/api/v1/v1/offline/failed-events")).isEqualTo("new");
    }

    @Test
    void movesAStateUnitWithItsWholeGroup() {
        flipGroup("core", "NEW", "core moves");

        assertThat(servedBy("/api/v1/v1/offline/status")).isEqualTo("new");
        assertThat(servedBy("/api/v1/v1/test/test/events")).isEqualTo("new");
    }

    @Test
    void refusesAGroupFlipThatWouldSplitAUnitWithOverriddenSiblings() {
        flipRoutes(OFFLINE_QUEUE, "LEGACY", "pin the queue to legacy");
        // every sibling is overridden, so moving the group leaves the unit together
        flipGroup("core", "NEW", "core moves");
        assertThat(servedBy("/api/v1/v1/offline/status")).isEqualTo("legacy");
    }

    @Test
    void refusesShadowForRoutesThatAreNotRetrySafe() {
        ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("routes", List.of("post-classes"), "stage", "SHADOW", "reason", "compare writes"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.error").value(e -> assertThat((String) e).contains("retry-safe", "write twice"))
                .jsonPath("$.routes[0]").isEqualTo("post-classes");
    }

    @Test
    void refusesToFlipARoutePinnedToLegacy() {
        ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("routes", List.of("any-socket-io"), "stage", "NEW", "reason", "no"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).contains("pinned to legacy"));
    }

    @Test
    void requiresAReasonAndAKnownStage() {
        ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "lms", "stage", "NEW"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("a reason is required");
        ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "lms", "stage", "CANARY", "reason", "no share"))
                .exchange().expectStatus().isBadRequest();
        ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "billing", "stage", "NEW", "reason", "?"))
                .exchange().expectStatus().isBadRequest();
        ops.post().uri("/ops/api/flips").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void dryRunAnswersWhatWouldChangeWithoutChangingIt() {
        ops.post().uri("/ops/api/flips?dryRun=true").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "lms", "stage", "NEW", "reason", "what if"))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.dryRun").isEqualTo(true)
                .jsonPath("$.flip").doesNotExist()
                .jsonPath("$.changes[0].feature").isEqualTo("GROUP_LMS")
                .jsonPath("$.changes[0].from").isEqualTo("LEGACY")
                .jsonPath("$.changes[0].to").isEqualTo("NEW")
                .jsonPath("$.routes.length()").isEqualTo(22);

        assertThat(servedBy("/api/v1/classes/")).isEqualTo("legacy");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cutover.flip", Integer.class)).isZero();
    }

    @Test
    void auditsWhoWhenFromToReasonAndSource() {
        ops.post().uri("/ops/api/flips").header("X-Ops-Actor", "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "admin", "stage", "CANARY", "percentage", 10, "reason", "first canary"))
                .exchange().expectStatus().isOk();
        flip(Map.of("routes", List.of("get-admin-settings"), "stage", "NEW", "reason", "settings read is fine",
                "actor", "bob"));

        ops.get().uri("/ops/api/flips").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].actor").isEqualTo("bob")
                .jsonPath("$[0].source").isEqualTo("API")
                .jsonPath("$[0].scope").isEqualTo("route get-admin-settings")
                .jsonPath("$[0].changes[0].from").isEqualTo("INHERIT")
                .jsonPath("$[0].changes[0].to").isEqualTo("NEW")
                .jsonPath("$[1].actor").isEqualTo("alice")
                .jsonPath("$[1].reason").isEqualTo("first canary")
                .jsonPath("$[1].at").exists()
                .jsonPath("$[1].changes[0].feature").isEqualTo("GROUP_ADMIN")
                .jsonPath("$[1].changes[0].to").isEqualTo("CANARY 10%");
    }

    @Test
    void undoWalksBackOneFlipAtATime() {
        flip(Map.of("group", "lms", "stage", "CANARY", "percentage", 25, "reason", "step 1"));
        flipGroup("lms", "NEW", "step 2");
        assertThat(servedBy("/api/v1/classes/")).isEqualTo("new");

        ops.post().uri("/ops/api/flips/undo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "errors went up")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.changes[0].from").isEqualTo("NEW")
                .jsonPath("$.changes[0].to").isEqualTo("CANARY 25%");
        ops.get().uri("/ops/api/groups").exchange().expectBody()
                .jsonPath("$[?(@.group == 'lms')].stage").isEqualTo("CANARY 25%");

        ops.post().uri("/ops/api/flips/undo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "all the way back")).exchange().expectStatus().isOk();
        assertThat(servedBy("/api/v1/classes/")).isEqualTo("legacy");

        ops.post().uri("/ops/api/flips/undo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "nothing left")).exchange().expectStatus().isEqualTo(409);
        ops.get().uri("/ops/api/flips").exchange().expectBody()
                .jsonPath("$.length()").isEqualTo(4)
                .jsonPath("$[0].undoes").isNotEmpty()
                .jsonPath("$[3].undoneBy").isNotEmpty();
    }

    @Test
    void refusesOpsCallsWithoutTheCredential() {
        management.get().uri("/ops/api/routes").exchange().expectStatus().isUnauthorized();
        management.post().uri("/ops/api/flips").header("X-Ops-Token", "wrong")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("group", "lms", "stage", "NEW", "reason", "sneaky"))
                .exchange().expectStatus().isUnauthorized();
        management.get().uri("/ops/api/groups").header("Authorization", "Bearer " + OPS_TOKEN)
                .exchange().expectStatus().isOk();
        assertThat(servedBy("/api/v1/classes/")).isEqualTo("legacy");
    }

    @Test
    void servesTheOpsPageOnTheManagementPortOnly() {
        management.get().uri("/ops/").exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html).contains("Cutover"));
        gateway.get().uri("/ops/api/routes").exchange()
                .expectHeader().valueEquals("X-Served-By", "legacy");
    }

    @Test
    void auditsWritesThroughTheTogglzActuatorEndpoint() {
        management.get().uri("/actuator/togglz/GROUP_LMS").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("GROUP_LMS");
        management.post().uri("/actuator/togglz/GROUP_LMS").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", true, "strategy", "cutover-stage", "parameters", "stage=NEW"))
                .exchange().expectStatus().isUnauthorized();

        ops.post().uri("/actuator/togglz/GROUP_LMS").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", true, "strategy", "cutover-stage", "parameters", "stage=NEW"))
                .exchange().expectStatus().is2xxSuccessful();

        assertThat(servedBy("/api/v1/classes/")).isEqualTo("new");
        ops.get().uri("/ops/api/flips").exchange().expectBody()
                .jsonPath("$[0].source").isEqualTo("ACTUATOR")
                .jsonPath("$[0].changes[0].to").isEqualTo("NEW");
    }

    @Test
    void appliesTheSameRulesToWritesThroughTheTogglzActuatorEndpoint() {
        ops.post().uri("/actuator/togglz/ROUTE_GET_V1_OFFLINE_STATUS").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("enabled", true, "strategy", "cutover-stage", "parameters", "stage=NEW"))
                .exchange().expectStatus().value(status -> assertThat(status).isGreaterThanOrEqualTo(400));

        assertThat(servedBy("/api/v1/v1/offline/status")).isEqualTo("legacy");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM cutover.flip", Integer.class)).isZero();
    }
}
