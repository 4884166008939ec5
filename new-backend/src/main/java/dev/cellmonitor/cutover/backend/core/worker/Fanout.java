package dev.cellmonitor.cutover.backend.core.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.redis.RedisNames;
import dev.cellmonitor.cutover.backend.web.PythonRepr;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * What follows a commit, on its own thread so the writer goes on with the next batch: the legacy worker's Redis
 * messages (CONTRACT.md §6.2 d-h) and InfluxDB points. Messages go out many per command: a tiny Lua script publishes
 * a whole chunk, so tens of thousands of messages per second cost a few round trips (plain PUBLISH when scripting is
 * refused). Ingestion never waits for Redis: when Redis is slow or down, batches of messages are dropped (counted and
 * logged) instead of holding events back; the messages are notifications, the data is in PostgreSQL.
 */
@Component
class Fanout extends AfterCommitQueue<List<BatchWriter.Outcome>> {

    private static final Logger log = LoggerFactory.getLogger(Fanout.class);
    private static final int MESSAGES_PER_SCRIPT = 500;
    private static final String PUBLISH_ALL =
            "for i = 1, #ARGV, 2 do redis.call('PUBLISH', ARGV[i], ARGV[i + 1]) end return #ARGV / 2";

    private final WorkerRedis redis;
    private final WorkerStats stats;
    private final RedisNames names;
    private final InfluxQueue influx;
    private StatefulRedisConnection<String, String> connection;
    private String scriptSha;
    private boolean plainPublish;

    Fanout(WorkerRedis redis, WorkerStats stats, RedisNames names, InfluxQueue influx) {
        super("worker-fanout");
        this.redis = redis;
        this.stats = stats;
        this.names = names;
        this.influx = influx;
    }

    /** Hands over the outcomes of a committed transaction. */
    void announce(List<BatchWriter.Outcome> outcomes) {
        if (!outcomes.isEmpty()) {
            offer(outcomes);
        }
    }

    @Override
    void dropped(List<BatchWriter.Outcome> outcomes) {
        stats.droppedMessages.addAndGet(outcomes.size());
    }

    @Override
    void handle(List<List<BatchWriter.Outcome>> batches) {
        List<String> channelsAndMessages = new ArrayList<>();
        List<String> points = new ArrayList<>();
        for (List<BatchWriter.Outcome> batch : batches) {
            render(batch, channelsAndMessages, points);
        }
        influx.write(points);
        try {
            send(channelsAndMessages);
        } catch (RuntimeException e) {
            stats.droppedMessages.addAndGet(channelsAndMessages.size() / 2);
            log.warn("Redis fan-out failed, {} messages not published: {}", channelsAndMessages.size() / 2, e.toString());
            closeConnection();
        }
    }

    /** The legacy worker's messages and points for the events of one transaction, as channel/message pairs. */
    private void render(List<BatchWriter.Outcome> outcomes, List<String> out, List<String> points) {
        PythonRepr.Raw health = new PythonRepr.Raw(PythonRepr.jsonDumps(PythonRepr.jsonDumps(stats.health())));
        Instant now = Instant.now();
        for (BatchWriter.Outcome o : outcomes) {
            WorkerEvent e = o.event();
            String type = e.type();
            add(out, RedisNames.NOTIFICATIONS, LegacyMessages.processed(e, health));
            if (Routing.notifiesHelpRequest(type)) {
                add(out, RedisNames.HELP_REQUESTS, LegacyMessages.realtimeHelpRequest(e));
            }
            if (!o.handled()) {
                continue;
            }
            switch (type) {
                case Routing.CELL_EXECUTED ->
                        add(out, RedisNames.DASHBOARD_UPDATES, LegacyMessages.dashboardUpdate(e, o.studentName(), o.significant()));
                case Routing.HELP -> add(out, RedisNames.HELP_REQUESTS, LegacyMessages.helpRequest(e, o.studentName()));
                case Routing.ERROR_OCCURRED -> add(out, RedisNames.ERROR_ALERTS, LegacyMessages.errorAlert(e, o.studentName()));
                default -> {
                }
            }
            if (influx.enabled()) {
                points.add(InfluxLines.studentProgress(e.data(), now));
            }
        }
    }

    private void add(List<String> out, String channel, Object message) {
        out.add(names.channel(channel));
        out.add(PythonRepr.jsonDumps(message));
    }

    private void send(List<String> channelsAndMessages) {
        if (channelsAndMessages.isEmpty()) {
            return;
        }
        if (connection == null || !connection.isOpen()) {
            connection = redis.connect();
            connection.setAutoFlushCommands(false);
            scriptSha = null;
        }
        List<List<String>> chunks = new ArrayList<>();
        int step = 2 * MESSAGES_PER_SCRIPT;
        for (int from = 0; from < channelsAndMessages.size(); from += step) {
            chunks.add(channelsAndMessages.subList(from, Math.min(from + step, channelsAndMessages.size())));
        }
        for (int attempt = 0; attempt < 3 && !chunks.isEmpty(); attempt++) {
            chunks = sendChunks(chunks);
        }
        if (!chunks.isEmpty()) {
            throw new IllegalStateException("Redis refused " + chunks.size() + " chunks of messages");
        }
    }

    /** Sends the chunks in one round trip; returns those Redis refused, after adapting how they are sent. */
    private List<List<String>> sendChunks(List<List<String>> chunks) {
        List<RedisFuture<?>> futures = new ArrayList<>();
        List<List<String>> futureChunks = new ArrayList<>();
        for (List<String> chunk : chunks) {
            if (plainPublish) {
                for (int i = 0; i < chunk.size(); i += 2) {
                    futures.add(connection.async().publish(chunk.get(i), chunk.get(i + 1)));
                    futureChunks.add(chunk.subList(i, i + 2));
                }
            } else {
                futures.add(publishAll(chunk));
                futureChunks.add(chunk);
            }
        }
        connection.flushCommands();
        if (!LettuceFutures.awaitAll(Duration.ofSeconds(5), futures.toArray(new RedisFuture[0]))) {
            throw new IllegalStateException("Redis did not confirm " + futures.size() + " commands in 5 s");
        }
        List<List<String>> refused = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            String error = futures.get(i).getError();
            if (error == null) {
                continue;
            }
            refused.add(futureChunks.get(i));
            if (error.startsWith("NOSCRIPT")) {
                scriptSha = null; // Redis restarted and forgot the script
            } else if (!plainPublish) {
                log.info("Redis refused the publishing script ({}), using plain PUBLISH", error);
                plainPublish = true;
            }
        }
        return refused;
    }

    private RedisFuture<Long> publishAll(List<String> chunk) {
        String[] args = chunk.toArray(new String[0]);
        if (scriptSha == null) {
            RedisFuture<Long> f = connection.async().eval(PUBLISH_ALL, ScriptOutputType.INTEGER, new String[0], args);
            scriptSha = connection.async().digest(PUBLISH_ALL);
            return f;
        }
        return connection.async().evalsha(scriptSha, ScriptOutputType.INTEGER, new String[0], args);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                log.debug("closing Redis connection failed", e);
            }
            connection = null;
        }
    }

    @Override
    public void stop() {
        super.stop();
        closeConnection();
    }
}
