package dev.cellmonitor.cutover.backend.core.worker;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.influx.InfluxWriter;

/**
 * Hands the worker's {@code student_progress} points to the {@link InfluxWriter} after their events are committed,
 * batched, from its own thread; does nothing unless InfluxDB is configured.
 */
@Component
class InfluxQueue extends AfterCommitQueue<List<String>> {

    private static final Logger log = LoggerFactory.getLogger(InfluxQueue.class);

    private final InfluxWriter writer;

    InfluxQueue(InfluxWriter writer) {
        super("worker-influx");
        this.writer = writer;
    }

    @Override
    boolean enabled() {
        return writer.enabled();
    }

    void write(List<String> lines) {
        if (enabled() && !lines.isEmpty()) {
            offer(lines);
        }
    }

    @Override
    void dropped(List<String> lines) {
        log.warn("InfluxDB writes are behind: {} points dropped", lines.size());
    }

    @Override
    void handle(List<List<String>> batches) {
        List<String> lines = new ArrayList<>();
        batches.forEach(lines::addAll);
        writer.write(lines);
    }

    /** Stops after the fan-out, which hands points over while it drains. */
    @Override
    public int getPhase() {
        return EventPipeline.PHASE - 2;
    }
}
