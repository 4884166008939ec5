package dev.cellmonitor.cutover.gateway.ops;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.cellmonitor.cutover.gateway.GatewayProperties;

/**
 * The ops API ({@code /ops/api/**}) and the ops web page ({@code /ops/}) on the management port, next to the
 * actuator. Loaded into the management context (META-INF/spring/...ManagementContextConfiguration.imports),
 * so none of it is reachable through the gateway port.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class OpsManagementConfiguration {

    @Bean
    RouterFunction<ServerResponse> opsRoutes(CutoverView view, FlipService flips, AuditLog audit,
                                             GatewayProperties properties) {
        if (OpsCredential.DEV_TOKEN.equals(properties.ops().token())) {
            LoggerFactory.getLogger(OpsManagementConfiguration.class).warn("the ops API uses the developer token; "
                    + "set CUTOVER_OPS_TOKEN outside a developer machine");
        }
        OpsApi api = new OpsApi(view, flips, audit, properties);
        OpsCredential credential = new OpsCredential(properties.ops().token());
        RouterFunction<ServerResponse> apiRoutes = RouterFunctions.route()
                .GET("/ops/api/routes", api::routes)
                .GET("/ops/api/groups", api::groups)
                .GET("/ops/api/status", api::status)
                .GET("/ops/api/shadow", api::shadow)
                .GET("/ops/api/flips", api::audit)
                .POST("/ops/api/flips/undo", api::undo)
                .POST("/ops/api/flips", api::flip)
                .filter(credential::check)
                .build();
        ClassPathResource page = new ClassPathResource("ops/index.html");
        RouterFunction<ServerResponse> pageRoutes = RouterFunctions
                .route(GET("/ops").or(GET("/ops/")),
                        request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
                .and(RouterFunctions.resources("/ops/**", new ClassPathResource("ops/")));
        return apiRoutes.and(pageRoutes);
    }

    /** Write operations on the actuator (e.g. POST /actuator/togglz/{name}) need the ops credential too. */
    @Bean
    OpsCredential.ActuatorWrites actuatorWriteGuard(GatewayProperties properties,
            org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties endpoints) {
        return new OpsCredential(properties.ops().token()).actuatorWrites(endpoints.getBasePath());
    }

}
