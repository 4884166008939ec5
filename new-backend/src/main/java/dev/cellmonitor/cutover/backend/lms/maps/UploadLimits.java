package dev.cellmonitor.cutover.backend.lms.maps;

import jakarta.servlet.MultipartConfigElement;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Multipart limits for the map upload, the only multipart route of the API. Files have no size limit of their
 * own here (the route checks the legacy's 10 MiB itself, after the file name checks, as the legacy does); a
 * request beyond {@code cellmonitor.lms.maps.max-request-bytes} is cut off while it is read and answered with the
 * legacy's size message. Parts above 1 MiB are buffered on disk, not in memory.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

    private static final int IN_MEMORY_PART_BYTES = 1 << 20;

    @Bean
    MultipartConfigElement multipartConfigElement(MapImageProperties properties) {
        return new MultipartConfigElement("", -1, properties.maxRequestBytes(), IN_MEMORY_PART_BYTES);
    }

    /**
     * Lets Tomcat read and discard the unread rest of a refused upload up to twice the cap (instead of its 2 MB
     * default), so the client receives the 400 rather than a reset connection. Ordered last so that it applies
     * after {@code server.tomcat.max-swallow-size}; it only ever raises that limit.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> swallowRefusedUploads(MapImageProperties properties) {
        long swallow = Math.min(Integer.MAX_VALUE, 2 * properties.maxRequestBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                    && http.getMaxSwallowSize() >= 0 && http.getMaxSwallowSize() < swallow) {
                http.setMaxSwallowSize((int) swallow);
            }
        });
    }

    /** Runs before the catch-all handler, which would otherwise turn the refusal into a 500. */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class TooLarge {

        private final MapImageProperties properties;

        TooLarge(MapImageProperties properties) {
            this.properties = properties;
        }

        @ExceptionHandler(MaxUploadSizeExceededException.class)
        ResponseEntity<java.util.Map<String, String>> tooLarge() {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                    .body(java.util.Map.of("detail", ClassroomMapController.tooLargeMessage(properties)));
        }
    }
}
