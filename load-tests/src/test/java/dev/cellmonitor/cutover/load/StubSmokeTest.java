package dev.cellmonitor.cutover.load;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StubSmokeTest {

    @Test
    void smokeAgainstStub() throws Exception {
        try (StubCellMonitor stub = new StubCellMonitor()) {
            GatlingRun.Result r = GatlingRun.run(SmokeSimulation.class, Path.of("target/gatling-it"), Map.of(
                    "baseUrl", stub.baseUrl(), "opsUrl", stub.opsUrl(), "opsToken", StubCellMonitor.TOKEN,
                    "rampUp", "3s", "plateau", "10s", "lmsPersistWait", "1s", "rss", "stub=port:" + stub.apiPort(),
                    "flip.stages", "CANARY:50,NEW", "flip.delay", "2s", "flip.hold", "4s"));
            System.out.println("EXIT " + r.exitCode() + " " + r.directory());
            assertThat(r.exitCode()).isZero();
        }
    }
}
