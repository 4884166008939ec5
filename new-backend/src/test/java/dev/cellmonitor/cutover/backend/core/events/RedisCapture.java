package dev.cellmonitor.cutover.backend.core.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Everything published on the channels of one Redis name prefix (the test's private prefix), like the recorder's
 * {@code PSUBSCRIBE *}: channel names without the prefix, payloads parsed when they are JSON.
 */
public final class RedisCapture implements AutoCloseable {

    public record Message(String channel, String raw, JsonNode data) {
    }

    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, String> connection;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    public RedisCapture(String host, int port, String prefix) {
        client = RedisClient.create("redis://" + host + ":" + port);
        connection = client.connectPubSub(StringCodec.UTF8);
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                JsonNode data;
                try {
                    data = Recording.JSON.readTree(message);
                } catch (RuntimeException notJson) {
                    data = StringNode.valueOf(message);
                }
                messages.add(new Message(channel.substring(prefix.length()), message, data));
            }
        });
        connection.sync().psubscribe(prefix + "*");
    }

    public static RedisCapture forPrefix(String prefix) {
        return new RedisCapture("127.0.0.1", 6379, prefix);
    }

    public int mark() {
        return messages.size();
    }

    public List<Message> since(int mark) {
        return new ArrayList<>(messages.subList(mark, messages.size()));
    }

    public List<Message> on(String channel, int since) {
        return since(since).stream().filter(m -> m.channel().equals(channel)).toList();
    }

    /** Waits until at least {@code count} messages arrived on the channel since the mark. */
    public List<Message> await(String channel, int since, int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (on(channel, since).size() < count && System.nanoTime() < end) {
            sleep(20);
        }
        return on(channel, since);
    }

    /** Waits until at least {@code count} messages containing {@code text} arrived on the channel since the mark. */
    public List<Message> awaitContaining(String channel, int since, String text, int count, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        List<Message> found;
        do {
            found = on(channel, since).stream().filter(m -> m.raw().contains(text)).toList();
            if (found.size() >= count) {
                return found;
            }
            sleep(20);
        } while (System.nanoTime() < end);
        return found;
    }

    /** Waits until no new message arrived for {@code quiet}. */
    public void settle(Duration quiet, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        int last = -1;
        while (System.nanoTime() < end) {
            int now = messages.size();
            if (now == last) {
                return;
            }
            last = now;
            sleep(quiet.toMillis());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
