package dev.cellmonitor.cutover.backend.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the legacy's ASGI stack does before any route runs (CONTRACT.md §1.2, §1.3): Starlette's CORS
 * middleware (browser clients such as the JupyterLab extension depend on it), and the catch-all mount that
 * answers {@code HEAD}/{@code OPTIONS} on API routes with its plain-text 404 where Spring would answer them
 * itself. Only the framework doc routes and {@code /static} answer {@code HEAD} in the legacy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LegacyHttpFilter extends OncePerRequestFilter {

    private static final String ALLOWED_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
    private static final Set<String> METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");
    private static final Set<String> HEAD_ROUTES = Set.of("/api/v1/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc");

    private final CorsProperties cors;

    public LegacyHttpFilter(CorsProperties cors) {
        this.cors = cors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        String method = request.getMethod();
        if (cors.enabled() && origin != null && method.equals("OPTIONS")
                && request.getHeader("Access-Control-Request-Method") != null) {
            preflight(request, response, origin);
            return;
        }
        String path = request.getRequestURI();
        boolean headAllowed = HEAD_ROUTES.contains(path) || path.startsWith("/static/");
        if (method.equals("OPTIONS") || (method.equals("HEAD") && !headAllowed)) {
            simpleHeaders(request, response, origin);
            text(response, 404, "Not Found");
            return;
        }
        simpleHeaders(request, response, origin);
        chain.doFilter(request, response);
    }

    private void preflight(HttpServletRequest request, HttpServletResponse response, String origin) throws IOException {
        String requested = request.getHeader("Access-Control-Request-Method");
        if (!cors.allows(origin)) {
            text(response, 400, "Disallowed CORS origin");
            return;
        }
        if (!METHODS.contains(requested.trim())) {
            text(response, 400, "Disallowed CORS method");
            return;
        }
        response.setHeader("Vary", "Origin");
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        response.setHeader("Access-Control-Max-Age", "600");
        response.setHeader("Access-Control-Allow-Credentials", "true");
        String headers = request.getHeader("Access-Control-Request-Headers");
        if (headers != null) {
            response.setHeader("Access-Control-Allow-Headers", headers);
        }
        text(response, 200, "OK");
    }

    private void simpleHeaders(HttpServletRequest request, HttpServletResponse response, String origin) {
        if (!cors.enabled() || origin == null || !cors.allows(origin)) {
            return;
        }
        boolean echo = !cors.any() || request.getHeader("Cookie") != null;
        response.setHeader("Access-Control-Allow-Origin", echo ? origin : "*");
        response.setHeader("Access-Control-Allow-Credentials", "true");
        if (echo) {
            response.setHeader("Vary", "Origin");
        }
    }

    private static void text(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(status == 404 ? "text/plain" : "text/plain; charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
