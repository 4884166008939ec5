package dev.cellmonitor.cutover.parity.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a side publishes during a scenario (FORMAT.md §6): one connection does {@code PSUBSCRIBE
 * <prefix>*} for the whole scenario; before a window is read, a {@code PING} on that connection is answered,
 * so every message published before it has been delivered. Channel names are reported without the prefix.
 */
final class RedisTap implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final String prefix;
    private final Set<String> ignored;
    private final List<ObjectNode> messages = new ArrayList<>();

    RedisTap(Target.RedisConfig config, Set<String> ignoredChannels) {
        this.prefix = config.prefix();
        this.ignored = ignoredChannels;
        this.client = RedisClient.create(RedisURI.builder().withHost(config.host()).withPort(config.port())
                .withTimeout(Duration.ofSeconds(10)).build());
        this.connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                if (!channel.startsWith(prefix)) {
                    return;
                }
                String name = channel.substring(prefix.length());
                if (ignored.contains(name)) {
                    return;
                }
                ObjectNode m = NODES.objectNode().put("channel", name);
                m.set("data", data(message));
                synchronized (messages) {
                    messages.add(m);
                }
            }
        });
        connection.sync().psubscribe(TruncateAndSeedReset.globEscape(prefix) + "*");
    }

    /** A position in the stream of messages: a window of a later {@code redis} step starts here. */
    int mark() {
        synchronized (messages) {
            return messages.size();
        }
    }

    /** The messages since {@code mark}, after a PING/PONG fence. */
    List<ObjectNode> since(int mark) {
        connection.sync().ping();
        synchronized (messages) {
            return List.copyOf(messages.subList(Math.min(mark, messages.size()), messages.size()));
        }
    }

    private static JsonNode data(String message) {
        try {
            JsonNode parsed = JSON.readTree(message);
            return parsed == null || parsed.isMissingNode() ? NODES.stringNode(message) : parsed;
        } catch (JacksonException e) {
            return NODES.stringNode(message);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
