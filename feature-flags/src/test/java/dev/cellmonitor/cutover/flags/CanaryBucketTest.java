package dev.cellmonitor.cutover.flags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanaryBucketTest {

    @Test
    void selectsAboutThePercentageOfUsers() {
        int selected = 0;
        for (int i = 0; i < 10_000; i++) {
            if (CanaryBucket.selects(25, "GROUP_CORE", "student" + i + "@example.com")) {
                selected++;
            }
        }
        assertThat(selected).isBetween(2_300, 2_700);
    }

    @Test
    void raisingThePercentageNeverMovesAUserBack() {
        for (int i = 0; i < 10_000; i++) {
            String user = "u" + i;
            if (CanaryBucket.selects(25, "salt", user)) {
                assertThat(CanaryBucket.selects(50, "salt", user)).isTrue();
            }
        }
    }

    @Test
    void isStableForAUser() {
        assertThat(CanaryBucket.of("s", "alice")).isEqualTo(CanaryBucket.of("s", "alice"));
        assertThat(CanaryBucket.selects(0, "s", "alice")).isFalse();
        assertThat(CanaryBucket.selects(100, "s", "alice")).isTrue();
    }

    @Test
    void roundTripsAStageThroughTogglzState() {
        var feature = new org.togglz.core.util.NamedFeature("GROUP_CORE");
        assertThat(StageCodec.decode(StageCodec.encode(feature, RouteStage.canary(30)))).contains(RouteStage.canary(30));
        assertThat(StageCodec.decode(StageCodec.encode(feature, RouteStage.NEW))).contains(RouteStage.NEW);
        assertThat(StageCodec.decode(StageCodec.inherit(feature))).isEmpty();
        assertThat(StageCodec.decode(null)).isEmpty();
    }
}
