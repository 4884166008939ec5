package dev.cellmonitor.cutover.gateway.stages;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.repository.jdbc.JDBCStateRepository;
import org.togglz.core.repository.util.DefaultMapSerializer;
import org.togglz.core.repository.util.MapSerializer;
import org.togglz.core.util.NamedFeature;

/**
 * The shared flag state in PostgreSQL: Togglz's {@link JDBCStateRepository} table {@value #TABLE} (schema
 * {@code cutover}, created by the gateway's Flyway migration, never in {@code public}). Writes go through
 * Togglz's repository and join the caller's Spring transaction, so a flip and its audit rows commit together.
 * Reads load every feature in one query, because each replica refreshes all of them several times a second.
 */
@Component
@DependsOnDatabaseInitialization
public class FlagStore {

    public static final String TABLE = "cutover.togglz";

    private final JdbcTemplate jdbc;
    private final JDBCStateRepository repository;
    private final MapSerializer serializer = DefaultMapSerializer.multiline();

    public FlagStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.repository = JDBCStateRepository.newBuilder(new TransactionAwareDataSourceProxy(dataSource))
                .tableName(TABLE)
                .serializer(serializer)
                .createTable(false)
                .noCommit(true)
                .build();
    }

    /** Every stored feature state, by feature name. */
    public Map<String, FeatureState> loadAll() {
        Map<String, FeatureState> states = new HashMap<>();
        jdbc.query("SELECT feature_name, feature_enabled, strategy_id, strategy_params FROM " + TABLE, rs -> {
            FeatureState state = new FeatureState(new NamedFeature(rs.getString(1)), rs.getInt(2) > 0);
            String strategy = rs.getString(3);
            if (strategy != null && !strategy.isBlank()) {
                state.setStrategyId(strategy.trim());
            }
            String params = rs.getString(4);
            if (params != null && !params.isBlank()) {
                serializer.deserialize(params).forEach(state::setParameter);
            }
            states.put(state.getFeature().name(), state);
        });
        return states;
    }

    /** Writes one state; inside a transaction it commits with it. */
    public void write(FeatureState state) {
        repository.setFeatureState(state);
    }
}
