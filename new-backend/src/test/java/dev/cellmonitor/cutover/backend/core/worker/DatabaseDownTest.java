package dev.cellmonitor.cutover.backend.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.cellmonitor.cutover.backend.admin.status.InstructorStatusService;
import dev.cellmonitor.cutover.backend.core.events.EventData;
import dev.cellmonitor.cutover.backend.core.events.EventSink;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL unreachable: the events of a POST are refused as {@link EventSink.Unavailable} (the route's 503 with
 * {@code Retry-After}) once the pool gives up on a connection, nothing stays queued to be written later behind the
 * caller's back (a retry would store them twice), and nothing is announced on Redis.
 */
class DatabaseDownTest {

    @Test
    void refusesTheEventsAndKeepsNothingQueuedWhenPostgresIsUnreachable() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/nothing-listens-here");
        config.setUsername("postgres");
        config.setConnectionTimeout(1000);
        config.setInitializationFailTimeout(-1);
        Fanout fanout = mock(Fanout.class);
        try (HikariDataSource down = new HikariDataSource(config)) {
            EventPipeline pipeline = new EventPipeline(down, mock(ErrorThreshold.class),
                    mock(InstructorStatusService.class), fanout, new WorkerStats(),
                    new WorkerProperties(null, null, null, null, null, null, null, null, null));
            pipeline.start();
            try {
                EventData event = EventData.readOne(JsonMapper.builder().build().readTree("""
                        {"eventType": "cell_executed", "emailAddress": "down@example.com", "notebookPath": "a.ipynb",
                         "cellId": "c1", "hasError": false}"""));

                assertThatThrownBy(() -> pipeline.persist(List.of(event)))
                        .isInstanceOf(EventSink.Unavailable.class)
                        .satisfies(e -> assertThat(((EventSink.Unavailable) e).retryAfterSeconds()).isPositive());
                assertThat(pipeline.queued()).isZero();
                verifyNoInteractions(fanout);
            } finally {
                pipeline.stop();
            }
        }
    }
}
