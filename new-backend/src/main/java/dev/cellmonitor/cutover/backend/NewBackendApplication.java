package dev.cellmonitor.cutover.backend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Java re-implementation of the legacy Student Progress Tracker API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NewBackendApplication {

    public static void main(String[] args) {
        SpringApplication.run(NewBackendApplication.class, args);
    }
}
