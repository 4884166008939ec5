package dev.cellmonitor.cutover.backend.monitoring.sockets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.cellmonitor.cutover.backend.redis.RedisNames;

/**
 * This replica's single Redis subscription: the replicas' own fan-out channel plus the legacy channels other
 * packages listen to (e.g. {@code dashboard_updates}), all on one pub/sub connection. Messages are handled in
 * arrival order on one thread; outgoing envelopes are published in order by one sender, so a Redis outage
 * never blocks a socket handler (envelopes are dropped, with a warning, once the small queue is full).
 */
@Component
class ReplicaFanout implements SmartLifecycle, MessageListener {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFanout.class);

    private final RedisConnectionFactory connectionFactory;
    private final StringRedisTemplate redis;
    private final String fanoutChannel;
    private final RedisNames names;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(10_000);
    private volatile Consumer<Envelope> envelopeListener = e -> { };
    private volatile RedisMessageListenerContainer container;
    private ExecutorService dispatcher;
    private Thread sender;
    private volatile boolean running;

    ReplicaFanout(RedisConnectionFactory connectionFactory, StringRedisTemplate redis, RedisNames names,
                  SocketsProperties properties) {
        this.connectionFactory = connectionFactory;
        this.redis = redis;
        this.names = names;
        this.fanoutChannel = names.channel(properties.fanoutChannel());
    }

    void onEnvelope(Consumer<Envelope> listener) {
        this.envelopeListener = listener;
    }

    void subscribe(String legacyChannel, Consumer<String> listener) {
        String channel = names.channel(legacyChannel);
        boolean added = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).isEmpty();
        listeners.get(channel).add(listener);
        RedisMessageListenerContainer current = container;
        if (added && current != null) {
            current.addMessageListener(this, new ChannelTopic(channel));
        }
    }

    void publish(Envelope envelope) {
        String json = SocketRegistry.JSON.writeValueAsString(envelope);
        if (!outgoing.offer(json)) {
            log.warn("fan-out queue full (Redis unreachable?): a socket message reaches this replica only");
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            if (channel.equals(fanoutChannel)) {
                envelopeListener.accept(SocketRegistry.JSON.readValue(body, Envelope.class));
                return;
            }
            for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
                listener.accept(body);
            }
        } catch (RuntimeException e) {
            log.warn("message on {} not handled: {}", channel, e.toString());
        }
    }

    @Override
    public void start() {
        dispatcher = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("redis-fanout-in").factory());
        RedisMessageListenerContainer c = new RedisMessageListenerContainer();
        c.setConnectionFactory(connectionFactory);
        c.setTaskExecutor(dispatcher);
        c.setRecoveryInterval(2000);
        c.addMessageListener(this, new ChannelTopic(fanoutChannel));
        listeners.keySet().forEach(channel -> c.addMessageListener(this, new ChannelTopic(channel)));
        c.afterPropertiesSet();
        try {
            c.start();
        } catch (RuntimeException e) {
            log.warn("Redis subscription not established yet ({}); the container keeps retrying", e.toString());
        }
        container = c;
        running = true;
        sender = Thread.ofVirtual().name("redis-fanout-out").start(this::send);
    }

    private void send() {
        while (running) {
            String json;
            try {
                json = outgoing.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                redis.convertAndSend(fanoutChannel, json);
            } catch (RuntimeException e) {
                log.warn("fan-out publish failed: {}", e.toString());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
        RedisMessageListenerContainer c = container;
        container = null;
        if (c != null) {
            try {
                c.stop();
                c.destroy();
            } catch (Exception e) {
                log.debug("stopping the Redis subscription: {}", e.toString());
            }
        }
        if (dispatcher != null) {
            dispatcher.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the socket handlers registered their channels; stop before Redis goes away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
