package dev.cellmonitor.cutover.parity.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Runs an SQL script (all statements in one go) on the side's database before each scenario. */
public record SqlResetHook(Target.DbConfig db, Path script) implements ResetHook {

    @Override
    public void reset(Scenario scenario) throws Exception {
        String sql = Files.readString(script);
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
