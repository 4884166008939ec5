package dev.cellmonitor.cutover.backend.lms.statics;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@code /static/**} files live. The legacy serves {@code static/} of its working directory and stores map
 * uploads in {@code static/maps/} there; pointing both backends at one directory lets either serve the other's
 * uploads.
 *
 * @param directory the static root, relative paths resolved against the working directory
 */
@ConfigurationProperties("cellmonitor.lms.static")
public record StaticFilesProperties(@DefaultValue("static") Path directory) {
}
