package dev.cellmonitor.cutover.load.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Finds local processes through /proc (Linux): the one listening on a TCP port, and its resident memory. */
public final class Processes {

    private final Path proc;

    public Processes() {
        this(Path.of("/proc"));
    }

    Processes(Path proc) {
        this.proc = proc;
    }

    /** The process listening on {@code port} (any local address, IPv4 or IPv6). */
    public OptionalLong listeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            inodes.addAll(listeningInodes(proc.resolve(table), port));
        }
        if (inodes.isEmpty()) {
            return OptionalLong.empty();
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                if (ownsSocket(pid, inodes)) {
                    return OptionalLong.of(Long.parseLong(pid.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
                    inodes.add(f[9]);
                }
            }
        } catch (IOException e) {
            return inodes;
        }
        return inodes;
    }

    private static boolean ownsSocket(Path pid, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pid.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1))) {
                        return true;
                    }
                } catch (IOException e) {
                    // the descriptor closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        return false;
    }

    /** Resident set size in KiB ({@code VmRSS}), empty when the process is gone. */
    public OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(proc.resolve(pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** The process's command line, for the summary. */
    public Optional<String> command(long pid) {
        try {
            String cmd = new String(Files.readAllBytes(proc.resolve(pid + "/cmdline"))).replace('\0', ' ').trim();
            return cmd.isEmpty() ? Optional.empty() : Optional.of(cmd.length() > 160 ? cmd.substring(0, 160) + "..." : cmd);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
