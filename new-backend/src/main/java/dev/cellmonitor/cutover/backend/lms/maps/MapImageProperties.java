package dev.cellmonitor.cutover.backend.lms.maps;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Classroom map uploads. The defaults are the legacy's hard-coded values (CONTRACT.md §9.24) except the last two,
 * which bound what the legacy leaves unbounded.
 *
 * @param maxUploadBytes        largest accepted file (the legacy's 10 MiB; its message shows it in whole MiB)
 * @param maxDimension          the stored JPEG fits in this square (aspect kept)
 * @param jpegQuality           JPEG quality, 0..1 (the legacy saves with Pillow quality 85)
 * @param maxPixels             images with more pixels are refused before decoding, like Pillow's
 *                              decompression-bomb limit (2 × 89,478,485)
 * @param maxRequestBytes       a multipart request larger than this is refused while it is read (the legacy
 *                              reads any size into memory before checking); reported as the size error
 * @param concurrentConversions how many uploads are decoded and re-encoded at once (bounds memory)
 */
@ConfigurationProperties("cellmonitor.lms.maps")
public record MapImageProperties(
        @DefaultValue("10485760") long maxUploadBytes,
        @DefaultValue("2048") int maxDimension,
        @DefaultValue("0.85") float jpegQuality,
        @DefaultValue("178956970") long maxPixels,
        @DefaultValue("67108864") long maxRequestBytes,
        @DefaultValue("2") int concurrentConversions) {
}
