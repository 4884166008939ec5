package dev.cellmonitor.cutover.gateway.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.togglz.core.repository.FeatureState;

import dev.cellmonitor.cutover.catalogue.RouteGroup;
import dev.cellmonitor.cutover.flags.CutoverFeatures;
import dev.cellmonitor.cutover.flags.RouteStage;
import dev.cellmonitor.cutover.flags.StageCodec;

class CanaryDistributionTest {

    private static final int USERS = 10_000;
    private final CutoverStageStrategy strategy = new CutoverStageStrategy();

    private Set<String> onNew(int percentage, String salt) {
        FeatureState state = StageCodec.encode(CutoverFeatures.groupFeature(RouteGroup.ADMIN), RouteStage.canary(percentage));
        Set<String> selected = new HashSet<>();
        for (int i = 0; i < USERS; i++) {
            String user = "sub:student" + i + "@example.com";
            if (strategy.isActive(state, CutoverStageStrategy.requestUser(user, salt))) {
                selected.add(user);
            }
        }
        return selected;
    }

    @Test
    void sendsAboutThePercentageOfUsersToNew() {
        assertThat(onNew(25, "GROUP_ADMIN").size()).isBetween(2_300, 2_700);
        assertThat(onNew(0, "GROUP_ADMIN")).isEmpty();
        assertThat(onNew(100, "GROUP_ADMIN")).hasSize(USERS);
    }

    @Test
    void raisingThePercentageOnlyMovesUsersFromLegacyToNew() {
        Set<String> at25 = onNew(25, "GROUP_ADMIN");
        Set<String> at50 = onNew(50, "GROUP_ADMIN");

        assertThat(at50).containsAll(at25);
        assertThat(at50.size()).isBetween(4_800, 5_200);
    }

    @Test
    void keepsEachUserOnOneSideWhileThePercentageStands() {
        assertThat(onNew(25, "GROUP_ADMIN")).isEqualTo(onNew(25, "GROUP_ADMIN"));
    }

    @Test
    void usesTheSaltSoDifferentFlagsPickDifferentUsers() {
        Set<String> admin = onNew(25, "GROUP_ADMIN");
        Set<String> unit = onNew(25, "offline-queue");
        assertThat(unit).isNotEqualTo(admin);
    }

    @Test
    void legacyShadowAndNoStageAreNeverActiveAndNewAlwaysIs() {
        var user = CutoverStageStrategy.requestUser("sub:a", "s");
        var feature = CutoverFeatures.groupFeature(RouteGroup.LMS);
        assertThat(strategy.isActive(StageCodec.encode(feature, RouteStage.LEGACY), user)).isFalse();
        assertThat(strategy.isActive(StageCodec.encode(feature, RouteStage.SHADOW), user)).isFalse();
        assertThat(strategy.isActive(StageCodec.inherit(feature), user)).isFalse();
        assertThat(strategy.isActive(StageCodec.encode(feature, RouteStage.NEW), user)).isTrue();
        assertThat(strategy.isActive(StageCodec.encode(feature, RouteStage.canary(50)), null)).isFalse();
    }
}
