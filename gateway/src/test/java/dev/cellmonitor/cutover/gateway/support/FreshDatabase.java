package dev.cellmonitor.cutover.gateway.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.cellmonitor.cutover.testsupport.TestDatabases;

/** Gives a Spring test context its own empty database (the gateway's Flyway creates schema cutover in it). */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String db = TestDatabases.create("gw");
        TestPropertyValues.of(
                "spring.datasource.url=" + TestDatabases.url(db),
                "spring.datasource.username=" + TestDatabases.USER,
                "spring.datasource.password=" + TestDatabases.PASSWORD,
                "test.database=" + db
        ).applyTo(context.getEnvironment());
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) e -> {
            if (e.getApplicationContext() == context) {
                TestDatabases.drop(db);
            }
        });
    }
}
