package dev.cellmonitor.cutover.backend.core.worker;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * The worker's own Lettuce client for its high-volume traffic (two publications per event, the progress_events
 * subscription), on the application's Redis settings. It is kept apart from the application's client because that one
 * carries a Micrometer observation per command, which costs more CPU than the publication itself at tens of thousands
 * of messages per second.
 */
@Component
class WorkerRedis implements DisposableBean {

    private final RedisStandaloneConfiguration configuration;
    private final boolean ssl;
    private volatile RedisClient client;

    WorkerRedis(LettuceConnectionFactory factory) {
        this.configuration = factory.getStandaloneConfiguration();
        this.ssl = factory.isUseSsl();
    }

    StatefulRedisConnection<String, String> connect() {
        return client().connect(StringCodec.UTF8);
    }

    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client().connectPubSub(StringCodec.UTF8);
    }

    private synchronized RedisClient client() {
        if (client == null) {
            RedisURI.Builder uri = RedisURI.builder().withHost(configuration.getHostName()).withPort(configuration.getPort())
                    .withDatabase(configuration.getDatabase()).withSsl(ssl);
            configuration.getPassword().toOptional().ifPresent(password -> {
                if (configuration.getUsername() != null) {
                    uri.withAuthentication(configuration.getUsername(), password);
                } else {
                    uri.withPassword(password);
                }
            });
            client = RedisClient.create(uri.build());
        }
        return client;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.shutdown();
            client = null;
        }
    }
}
