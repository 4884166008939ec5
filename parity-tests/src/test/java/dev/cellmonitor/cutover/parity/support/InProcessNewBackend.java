package dev.cellmonitor.cutover.parity.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cellmonitor.cutover.backend.NewBackendApplication;
import dev.cellmonitor.cutover.parity.run.ResetHook;
import dev.cellmonitor.cutover.parity.run.Target;
import dev.cellmonitor.cutover.parity.run.TruncateAndSeedReset;

/**
 * The new backend started in this JVM on loopback, against its own fresh database on the local PostgreSQL and a
 * private Redis prefix on the local Redis. Its reset (before each scenario) stops the application, empties the
 * database (legacy and cutover_* tables, identities restarted), deletes the prefix's Redis keys, seeds the
 * instructor and starts the application again, so every in-memory store is empty too.
 */
public final class InProcessNewBackend implements AutoCloseable {

    private static final String PG = System.getenv().getOrDefault("TEST_PG_HOST", "127.0.0.1") + ":"
            + System.getenv().getOrDefault("TEST_PG_PORT", "5432");
    private static final String USER = System.getenv().getOrDefault("TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("TEST_PG_PASSWORD", "");

    private final String database = "t_parity_" + UUID.randomUUID().toString().substring(0, 8);
    private final String redisPrefix = "parity-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final Path staticDir;
    private final Target.DbConfig db;
    private final Target.RedisConfig redis;
    private ConfigurableApplicationContext context;
    private int starts;

    public InProcessNewBackend() throws Exception {
        admin("CREATE DATABASE " + database);
        db = new Target.DbConfig("jdbc:postgresql://" + PG + "/" + database, USER, PASSWORD);
        redis = new Target.RedisConfig("127.0.0.1", 6379, redisPrefix);
        staticDir = Files.createTempDirectory("parity-static");
        // the first start migrates the empty database, so that the reset finds the schema
        start();
    }

    public Target target() {
        ResetHook restart = scenario -> {
            stop();
            new TruncateAndSeedReset(db, redis).reset(scenario);
            start();
        };
        return new Target("new-backend (in-process)", this::base, this::base, db, redis, restart, null);
    }

    public int starts() {
        return starts;
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private void start() {
        // command-line arguments: they outrank the backend's own application.yml
        context = new SpringApplicationBuilder(NewBackendApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--management.server.port=0",
                "--server.shutdown=immediate",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + USER,
                "--spring.datasource.password=" + PASSWORD,
                "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--cellmonitor.redis.prefix=" + redisPrefix,
                "--cellmonitor.lms.static-dir=" + staticDir,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.org.springframework.web.servlet.PageNotFound=ERROR");
        starts++;
    }

    private void stop() {
        if (context != null) {
            SpringApplication.exit(context);
            context = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        TruncateAndSeedReset.deleteKeys(redis);
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG + "/postgres", USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
