package dev.cellmonitor.cutover.backend.support;

import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.cellmonitor.cutover.testsupport.TestDatabases;

/**
 * Gives each Spring test context its own empty database (migrated by Flyway at start-up) and its own Redis
 * name prefix, so test classes and parallel builds on one machine never see each other's data or messages.
 * Use with {@code @ContextConfiguration(initializers = FreshDatabaseInitializer.class)} or
 * {@link BackendIntegrationTest}.
 */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String db = TestDatabases.create("nb");
        TestPropertyValues.of(
                "spring.datasource.url=" + TestDatabases.url(db),
                "spring.datasource.username=" + TestDatabases.USER,
                "spring.datasource.password=" + TestDatabases.PASSWORD,
                "cellmonitor.redis.prefix=test-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                "server.shutdown=immediate"
        ).applyTo(context.getEnvironment());
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) e -> {
            if (e.getApplicationContext() == context) {
                TestDatabases.drop(db);
            }
        });
    }
}
