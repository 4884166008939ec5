package dev.cellmonitor.cutover.load.measure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessesTest {

    @Test
    void findsThisProcessByThePortItListensOnAndReadsItsResidentMemory() throws IOException {
        Processes processes = new Processes();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(processes.listeningOn(socket.getLocalPort())).hasValue(ProcessHandle.current().pid());
        }
        assertThat(processes.rssKib(ProcessHandle.current().pid()).orElseThrow()).isGreaterThan(10_000);
        assertThat(processes.command(ProcessHandle.current().pid())).get().asString().contains("java");
    }

    @Test
    void findsNobodyOnAFreePort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(new Processes().listeningOn(port)).isEmpty();
    }
}
