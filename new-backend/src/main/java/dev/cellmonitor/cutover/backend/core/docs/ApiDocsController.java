package dev.cellmonitor.cutover.backend.core.docs;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cellmonitor.cutover.catalogue.RouteCatalogue;

/**
 * FastAPI's framework routes: the OpenAPI document and the Swagger UI, OAuth2 redirect and ReDoc pages, as the
 * legacy serves them (the pages load their scripts from the same CDNs in the browser; the server fetches
 * nothing).
 */
@RestController
class ApiDocsController {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String OPENAPI_URL = "/api/v1/openapi.json";

    private final Map<String, Object> document;
    private final String swaggerUi;
    private final String redoc;

    ApiDocsController(ObjectProvider<RouteCatalogue> catalogue, @Value("${cellmonitor.project-name}") String title) {
        this.document = OpenApiDocument.build(catalogue.getIfAvailable(RouteCatalogue::load), title);
        this.swaggerUi = DocsPages.swaggerUi(title, OPENAPI_URL);
        this.redoc = DocsPages.redoc(title, OPENAPI_URL);
    }

    @GetMapping("/api/v1/openapi.json")
    Map<String, Object> openapi() {
        return document;
    }

    @GetMapping("/docs")
    ResponseEntity<String> swaggerUi() {
        return html(swaggerUi);
    }

    @GetMapping("/docs/oauth2-redirect")
    ResponseEntity<String> oauth2Redirect() {
        return html(DocsPages.OAUTH2_REDIRECT);
    }

    @GetMapping("/redoc")
    ResponseEntity<String> redoc() {
        return html(redoc);
    }

    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, HTML).body(page);
    }
}
