package dev.cellmonitor.cutover.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.cellmonitor.cutover.gateway.GatewayApplication;
import dev.cellmonitor.cutover.testsupport.TestDatabases;

/**
 * A gateway started by hand, for tests that need more than one (replicas) or their own backends and database.
 * Random ports; the database must exist (see {@link TestDatabases}).
 */
public final class GatewayInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private GatewayInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static GatewayInstance start(String database, String legacyUrl, String newUrl, String... extra) {
        return start(true, database, legacyUrl, newUrl, extra);
    }

    /**
     * The only gateway in this JVM (the benchmark): it keeps Reactor Netty's global event loops, shared by its
     * server and its proxy client as in production, so a proxied call does not hop between threads.
     */
    public static GatewayInstance startAlone(String database, String legacyUrl, String newUrl, String... extra) {
        return start(false, database, legacyUrl, newUrl, extra);
    }

    private static GatewayInstance start(boolean privateNetty, String database, String legacyUrl, String newUrl,
                                         String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--server.shutdown=immediate",
                "--spring.datasource.url=" + TestDatabases.url(database),
                "--spring.datasource.username=" + TestDatabases.USER,
                "--spring.datasource.password=" + TestDatabases.PASSWORD,
                "--cellmonitor.gateway.legacy-url=" + legacyUrl,
                "--cellmonitor.gateway.new-backend-url=" + newUrl,
                "--cellmonitor.gateway.flags.refresh-interval=250ms"));
        args.addAll(List.of(extra));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.REACTIVE);
        if (privateNetty) {
            builder.initializers(GatewayInstance::privateNettyResources);
        }
        ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
        return new GatewayInstance(context);
    }

    /**
     * Closing a context that uses Reactor Netty's global resources shuts the global event loops down, which
     * would kill every other gateway in this JVM (the shared test context included): use private ones.
     */
    private static void privateNettyResources(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof ReactorResourceFactory resources) {
                    resources.setUseGlobalResources(false);
                }
                return bean;
            }
        });
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port())
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    public WebTestClient ops() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort())
                .defaultHeader("X-Ops-Token", GatewayIntegrationTest.OPS_TOKEN)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void close() {
        context.close();
    }
}
