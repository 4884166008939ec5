package dev.cellmonitor.cutover.backend.core.environment;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cellmonitor.cutover.backend.web.LegacyTime;

/**
 * One collection of the server's environment, in the legacy's {@code ExecutionEnvironmentSnapshot} shape. The
 * {@code python_env} keys carry the Java runtime (see {@link HostFacts}); {@code key_packages} is empty because a
 * JVM has no Python packages, hence also {@code total_packages_count} 0 and no {@code changed_packages}.
 */
record EnvironmentSnapshot(String snapshotId, LocalDateTime capturedAt, String runtimeVersion, int runtimeFeature,
                           String runtimeName, String virtualEnv, String condaEnv, Double memoryTotalGb,
                           Double diskFreeGb, Map<String, Object> systemEnv, String kernelName, String kernelId,
                           String notebookPath, String cellId, Long executionCount, Double memoryUsageMb,
                           Double cpuUsagePercent, boolean fullSnapshot, double collectionDurationMs) {

    static EnvironmentSnapshot collect(String notebookPath, String cellId, Long executionCount, boolean full) {
        long started = System.nanoTime();
        Double memoryTotal = HostFacts.memoryTotalGb();
        Double diskFree = HostFacts.diskFreeGb();
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("os_name", HostFacts.osName());
        system.put("os_version", HostFacts.osVersion());
        system.put("platform", HostFacts.platform());
        system.put("architecture", HostFacts.machine());
        system.put("hostname", HostFacts.hostname());
        system.put("cpu_count", HostFacts.cpuCount());
        system.put("memory_total_gb", memoryTotal);
        system.put("disk_free_gb", diskFree);
        Double memoryUsage = HostFacts.processMemoryMb();
        Double cpuUsage = HostFacts.cpuUsagePercent();
        double duration = (System.nanoTime() - started) / 1_000_000.0;
        return new EnvironmentSnapshot(UUID.randomUUID().toString(), LegacyTime.utcNow(), HostFacts.runtimeVersion(),
                HostFacts.runtimeFeature(), HostFacts.runtimeName(), System.getenv("VIRTUAL_ENV"),
                System.getenv("CONDA_DEFAULT_ENV"), memoryTotal, diskFree, system, System.getenv("KERNEL_NAME"),
                System.getenv("KERNEL_ID"), notebookPath, cellId, executionCount, memoryUsage, cpuUsage, full, duration);
    }

    List<Map<String, Object>> keyPackages() {
        return List.of();
    }

    int totalPackagesCount() {
        return 0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> python = new LinkedHashMap<>();
        python.put("python_version", runtimeVersion);
        python.put("python_implementation", runtimeName);
        python.put("python_executable", HostFacts.runtimeExecutable());
        python.put("virtual_env", virtualEnv);
        python.put("conda_env", condaEnv);
        python.put("pip_version", null);
        python.put("key_packages", keyPackages());
        python.put("total_packages_count", totalPackagesCount());
        Map<String, Object> jupyter = new LinkedHashMap<>();
        jupyter.put("jupyterlab_version", null);
        jupyter.put("jupyter_core_version", null);
        jupyter.put("ipython_version", null);
        jupyter.put("kernel_name", kernelName);
        jupyter.put("kernel_id", kernelId);
        jupyter.put("extensions", List.of());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("snapshot_id", snapshotId);
        out.put("captured_at", LegacyTime.naive(capturedAt));
        out.put("python_env", python);
        out.put("system_env", systemEnv);
        out.put("jupyter_env", jupyter);
        out.put("notebook_path", notebookPath);
        out.put("cell_id", cellId);
        out.put("execution_count", executionCount);
        out.put("memory_usage_mb", memoryUsageMb);
        out.put("cpu_usage_percent", cpuUsagePercent);
        out.put("is_full_snapshot", fullSnapshot);
        out.put("changed_packages", List.of());
        out.put("collection_duration_ms", collectionDurationMs);
        return out;
    }
}
