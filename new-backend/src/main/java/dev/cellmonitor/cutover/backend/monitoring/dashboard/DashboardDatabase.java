package dev.cellmonitor.cutover.backend.monitoring.dashboard;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The dashboard's own small connection pool on the same database, so instructors polling the overview never
 * take a connection the event ingestion needs. (Not a DataSource bean: that would replace the application's.)
 */
@Component
class DashboardDatabase implements DisposableBean {

    private final HikariDataSource pool;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DashboardDatabase(DataSourceProperties dataSource, DashboardProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dashboard");
        config.setJdbcUrl(dataSource.determineUrl());
        config.setUsername(dataSource.determineUsername());
        config.setPassword(dataSource.determinePassword());
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5000);
        config.addDataSourceProperty("ApplicationName", "cutover-dashboard");
        // the same few statements run all day: prepare them on the server at once and plan them once
        config.addDataSourceProperty("prepareThreshold", "1");
        config.setConnectionInitSql("SET plan_cache_mode = force_generic_plan");
        this.pool = new HikariDataSource(config);
        this.jdbc = new NamedParameterJdbcTemplate(pool);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
