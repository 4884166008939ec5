package dev.cellmonitor.cutover.parity.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import dev.cellmonitor.cutover.parity.run.ResetHook;
import dev.cellmonitor.cutover.parity.run.ShellResetHook;
import dev.cellmonitor.cutover.parity.run.SqlResetHook;
import dev.cellmonitor.cutover.parity.run.Target;
import dev.cellmonitor.cutover.parity.run.TruncateAndSeedReset;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options that describe one side (legacy, second legacy, candidate), added to a command with a name prefix
 * ({@code --legacy-db-url}, {@code --candidate-redis}; no prefix in replay mode: {@code --db-url}, {@code --redis}).
 */
final class SideOptions {

    private SideOptions() {
    }

    static void add(CommandSpec spec, String prefix, String side) {
        option(spec, prefix + "db-url", "JDBC", side + "'s PostgreSQL for db steps, e.g. jdbc:postgresql://127.0.0.1:5432/app");
        option(spec, prefix + "db-user", "USER", "database user (default postgres)");
        option(spec, prefix + "db-password", "PASSWORD", "database password (default empty)");
        option(spec, prefix + "redis", "HOST:PORT", side + "'s Redis for redis steps (PSUBSCRIBE for the whole scenario)");
        option(spec, prefix + "redis-prefix", "PREFIX", "channel/key prefix of " + side + " (the new backend's cellmonitor.redis.prefix)");
        option(spec, prefix + "reset-command", "CMD", "shell command that resets " + side + " before each scenario"
                + " (sees PARITY_SCENARIO, PARITY_SEED)");
        option(spec, prefix + "reset-sql", "FILE", "SQL script run on " + side + "'s database before each scenario");
        spec.addOption(OptionSpec.builder("--" + prefix + "reset-builtin").arity("0")
                .description("reset " + side + " by truncating its public schema, deleting its Redis keys and seeding"
                        + " the instructor (then --" + prefix + "reset-command, e.g. a process restart)")
                .build());
        option(spec, prefix + "ready-path", "PATH", "polled after a reset until " + side + " answers (default /; none: do not wait)");
        option(spec, prefix + "ws-url", "URL", "base URL of " + side + "'s WebSockets if not the HTTP base");
    }

    private static void option(CommandSpec spec, String name, String label, String description) {
        spec.addOption(OptionSpec.builder("--" + name).paramLabel(label).type(String.class).description(description)
                .build());
    }

    static Target target(CommandSpec spec, String prefix, String name, String url) {
        URI base = URI.create(url);
        String ws = value(spec, prefix + "ws-url");
        URI wsBase = ws == null ? base : URI.create(ws);
        String ready = value(spec, prefix + "ready-path");
        Target target = new Target(name, () -> base, () -> wsBase, null, null, ResetHook.none(),
                ready == null ? "/" : ready.equals("none") ? null : ready);
        String dbUrl = value(spec, prefix + "db-url");
        if (dbUrl != null) {
            target = target.withDb(new Target.DbConfig(dbUrl, value(spec, prefix + "db-user"),
                    value(spec, prefix + "db-password")));
        }
        String redis = value(spec, prefix + "redis");
        if (redis != null) {
            target = target.withRedis(Target.RedisConfig.parse(redis, value(spec, prefix + "redis-prefix")));
        }
        ResetHook reset = ResetHook.none();
        if (Boolean.TRUE.equals(spec.findOption("--" + prefix + "reset-builtin").getValue())) {
            if (target.db() == null) {
                throw new IllegalArgumentException("--" + prefix + "reset-builtin needs --" + prefix + "db-url");
            }
            reset = reset.then(new TruncateAndSeedReset(target.db(), target.redis()));
        }
        String sql = value(spec, prefix + "reset-sql");
        if (sql != null) {
            if (target.db() == null) {
                throw new IllegalArgumentException("--" + prefix + "reset-sql needs --" + prefix + "db-url");
            }
            reset = reset.then(new SqlResetHook(target.db(), Path.of(sql)));
        }
        String command = value(spec, prefix + "reset-command");
        if (command != null) {
            reset = reset.then(new ShellResetHook(command, Duration.ofMinutes(5)));
        }
        return target.withReset(reset);
    }

    private static String value(CommandSpec spec, String name) {
        OptionSpec o = spec.findOption("--" + name);
        return o == null ? null : o.getValue();
    }
}
