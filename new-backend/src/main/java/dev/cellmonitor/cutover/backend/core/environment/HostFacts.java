package dev.cellmonitor.cutover.backend.core.environment;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the server process can truthfully say about itself. The legacy describes its Python interpreter; this
 * process is a JVM, so the runtime facts describe the Java runtime (version, VM, executable) and there are no
 * Python packages, no pip and no Jupyter installation to report.
 */
final class HostFacts {

    private static final double GIB = 1024.0 * 1024 * 1024;

    private HostFacts() {
    }

    /** The Java runtime as {@code feature.interim.update}, e.g. {@code 25.0.1}. */
    static String runtimeVersion() {
        Runtime.Version v = Runtime.version();
        return v.feature() + "." + v.interim() + "." + v.update();
    }

    static int runtimeFeature() {
        return Runtime.version().feature();
    }

    static String runtimeName() {
        return System.getProperty("java.vm.name", "Java");
    }

    static String runtimeExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String osName() {
        return System.getProperty("os.name");
    }

    static String osVersion() {
        return System.getProperty("os.version");
    }

    /** {@code uname -m} style: the JVM says {@code amd64} where the kernel says {@code x86_64}. */
    static String machine() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386", "i686" -> "i686";
            default -> arch;
        };
    }

    /** Like Python's {@code platform.platform()} without the libc part: {@code Linux-6.1.0-x86_64}. */
    static String platform() {
        return osName() + "-" + osVersion() + "-" + machine();
    }

    static String hostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    static Double memoryTotalGb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / GIB;
        }
        return null;
    }

    /** Free space of the working directory's file system, as {@code psutil.disk_usage(".").free}. */
    static Double diskFreeGb() {
        long usable = new File(".").getUsableSpace();
        return usable > 0 ? usable / GIB : null;
    }

    /** Resident set size of this process in MiB (Linux), else null. */
    static Double processMemoryMb() {
        try {
            Path status = Path.of("/proc/self/status");
            if (!Files.isReadable(status)) {
                return null;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return Long.parseLong(kb) / 1024.0;
                }
            }
            return null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Recent system-wide CPU load in percent, null while the JVM has no sample yet. */
    static Double cpuUsagePercent() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            return load < 0 ? null : load * 100.0;
        }
        return null;
    }

    static boolean hasHostMetrics() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean;
    }
}
