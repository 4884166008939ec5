package dev.cellmonitor.cutover.parity.run;

import java.net.URI;
import java.util.function.Supplier;

/**
 * One side a scenario runs against: a live legacy or a candidate.
 *
 * @param name     label in reports ({@code legacy}, {@code candidate}, ...)
 * @param http     base URL of HTTP steps (may be a recording proxy in front of the service)
 * @param ws       base URL of WebSocket steps ({@code http://} is turned into {@code ws://})
 * @param db       the side's database for {@code db} steps, or null (those steps are skipped)
 * @param redis    the side's Redis for {@code redis} steps, or null (those steps are skipped)
 * @param reset    brings the side to the clean state of a scenario's setup line
 * @param readyPath polled after a reset until the side answers (any HTTP status); null to not wait
 */
public record Target(String name, Supplier<URI> http, Supplier<URI> ws, DbConfig db, RedisConfig redis,
                     ResetHook reset, String readyPath) {

    public static Target of(String name, URI base) {
        return new Target(name, () -> base, () -> base, null, null, ResetHook.none(), null);
    }

    public Target withDb(DbConfig config) {
        return new Target(name, http, ws, config, redis, reset, readyPath);
    }

    public Target withRedis(RedisConfig config) {
        return new Target(name, http, ws, db, config, reset, readyPath);
    }

    public Target withReset(ResetHook hook) {
        return new Target(name, http, ws, db, redis, hook, readyPath);
    }

    public Target withHttp(Supplier<URI> base) {
        return new Target(name, base, ws, db, redis, reset, readyPath);
    }

    /** A PostgreSQL database reachable over JDBC. */
    public record DbConfig(String url, String user, String password) {
        public DbConfig {
            user = user == null ? "postgres" : user;
            password = password == null ? "" : password;
        }
    }

    /**
     * A Redis server; {@code prefix} is prepended to every channel and key name of the side (the new backend's
     * {@code cellmonitor.redis.prefix}), stripped again from the channels the tool reports.
     */
    public record RedisConfig(String host, int port, String prefix) {
        public RedisConfig {
            prefix = prefix == null ? "" : prefix;
        }

        public static RedisConfig parse(String uri, String prefix) {
            URI u = URI.create(uri.contains("://") ? uri : "redis://" + uri);
            return new RedisConfig(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort(), prefix);
        }
    }
}
