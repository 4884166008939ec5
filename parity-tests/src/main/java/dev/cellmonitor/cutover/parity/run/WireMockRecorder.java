package dev.cellmonitor.cutover.parity.run;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * WireMock's proxy/record mode in front of a live legacy during record mode: HTTP steps go through it and come
 * out as WireMock stub mappings (repeated requests become WireMock scenarios) under {@code <dir>/mappings}, so a
 * team can stand a playback legacy up with {@code java -jar wiremock-standalone.jar --root-dir <dir>}.
 * WebSockets do not go through it (WireMock does not proxy them).
 */
public final class WireMockRecorder implements AutoCloseable {

    private final WireMockServer server;

    public WireMockRecorder(URI legacy, Path dir) throws java.io.IOException {
        Files.createDirectories(dir.resolve("mappings"));
        Files.createDirectories(dir.resolve("__files"));
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .usingFilesUnderDirectory(dir.toString()));
        server.start();
        server.startRecording(WireMock.recordSpec().forTarget(legacy.toString()).makeStubsPersistent(true)
                .captureHeader("Authorization").captureHeader("Content-Type"));
    }

    /** Where HTTP steps must be sent to be recorded. */
    public URI base() {
        return URI.create(server.baseUrl());
    }

    /** Stops recording, writes the stub mappings and returns how many there are. */
    public int finish() {
        int stubs = server.stopRecording().getStubMappings().size();
        server.stop();
        return stubs;
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}
