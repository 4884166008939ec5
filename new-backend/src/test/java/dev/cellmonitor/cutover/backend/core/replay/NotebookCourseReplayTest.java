package dev.cellmonitor.cutover.backend.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import dev.cellmonitor.cutover.backend.support.BackendIntegrationTest;

/** The second notebook-version scenario, which needs an empty version store of its own. */
@BackendIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class NotebookCourseReplayTest {

    @LocalServerPort
    int port;

    @Test
    void notebookVersionsAcrossACourseMatchTheRecording() {
        LegacyRecordings.Result result = LegacyRecordings.load().replay("p14_notebook_versions_course",
                CoreExtrasReplayTest.CORE_EXTRAS_ROUTES, HttpClient.newHttpClient(), "http://127.0.0.1:" + port);
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.replayed()).isEqualTo(25);
    }
}
