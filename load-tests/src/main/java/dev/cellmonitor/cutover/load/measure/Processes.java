package dev.cellmonitor.cutover.load.measure;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds local processes through /proc (Linux): the one listening on a TCP port, those of a command name, their
 * resident memory and CPU time, and the machine's CPU time.
 */
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

    /** User plus system CPU time of the process in clock ticks ({@code /proc/<pid>/stat}), empty when it is gone. */
    public OptionalLong cpuTicks(long pid) {
        try {
            String stat = Files.readString(proc.resolve(pid + "/stat"));
            // the command name (field 2) may hold spaces and parentheses: count the fields after its closing one
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return OptionalLong.of(Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Processes whose command name ({@code /proc/<pid>/comm}) is {@code name}, e.g. every PostgreSQL process. */
    public List<Long> named(String name) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path pid : pids) {
                try {
                    if (Files.readString(pid.resolve("comm")).trim().equals(name)) {
                        found.add(Long.parseLong(pid.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /**
     * The machine's CPU time in clock ticks since boot, all cores together ({@code /proc/stat}): busy (everything
     * but idle and iowait) and total; empty when unreadable.
     */
    public Optional<long[]> machineTicks() {
        try {
            for (String line : Files.readAllLines(proc.resolve("stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long total = 0;
                    for (int i = 1; i < f.length && i <= 8; i++) { // user .. steal; guest time is counted in user
                        total += Long.parseLong(f[i]);
                    }
                    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                    return Optional.of(new long[] {total - idle, total});
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
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
