package dev.cellmonitor.cutover.backend.core.environment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy's health score, recommendations, warnings and analysis, computed from a snapshot. The legacy
 * grades the Python version (3.11+ / 3.9+ / 3.8+); here the Java runtime is graded by LTS release
 * (21+ / 17+ / 11+). The other rules are the legacy's, on the values the JVM reports.
 */
final class EnvironmentAssessment {

    private EnvironmentAssessment() {
    }

    static double healthScore(EnvironmentSnapshot s) {
        double score = 1.0;
        if (s.runtimeFeature() < 11) {
            score -= 0.3;
        } else if (s.runtimeFeature() < 17) {
            score -= 0.1;
        }
        if (s.memoryUsageMb() != null && s.memoryUsageMb() > 1000) {
            score -= 0.2;
        }
        if (s.cpuUsagePercent() != null && s.cpuUsagePercent() > 80) {
            score -= 0.1;
        }
        if (s.totalPackagesCount() > 500) {
            score -= 0.1;
        }
        return Math.max(0.0, score);
    }

    static String healthLevel(double score) {
        if (score >= 0.9) {
            return "excellent";
        }
        if (score >= 0.7) {
            return "good";
        }
        return score >= 0.5 ? "warning" : "critical";
    }

    static List<String> recommendations(EnvironmentSnapshot s) {
        List<String> out = new ArrayList<>();
        if (s.runtimeFeature() < 17) {
            out.add("Consider upgrading Java from " + s.runtimeVersion() + " to 21+ for better performance and security");
        }
        if (s.memoryUsageMb() != null && s.memoryUsageMb() > 2000) {
            out.add("High memory usage detected. Consider optimizing data structures or using memory-efficient libraries");
        }
        if (blank(s.virtualEnv()) && blank(s.condaEnv())) {
            out.add("Consider using a virtual environment (venv or conda) for better dependency management");
        }
        if (s.totalPackagesCount() > 300) {
            out.add("Large number of packages detected. Consider creating separate environments for different projects");
        }
        if (out.isEmpty()) {
            out.add("Environment appears to be well-configured");
        }
        return out;
    }

    static List<String> warnings(EnvironmentSnapshot s) {
        List<String> out = new ArrayList<>();
        List<String> packages = packageNames(s);
        if (!packages.contains("numpy")) {
            out.add("NumPy not detected - many data science operations may not work");
        }
        if (!packages.contains("pandas") && packages.contains("numpy")) {
            out.add("Pandas not detected - data manipulation capabilities may be limited");
        }
        // the legacy skips these checks when the value is unknown or zero
        if (s.memoryTotalGb() != null && s.memoryTotalGb() > 0 && s.memoryTotalGb() < 4) {
            out.add("Low system memory detected (< 4GB) - performance may be limited");
        }
        if (s.diskFreeGb() != null && s.diskFreeGb() > 0 && s.diskFreeGb() < 1) {
            out.add("Low disk space detected (< 1GB) - consider freeing up space");
        }
        return out;
    }

    static Map<String, Object> analysis(EnvironmentSnapshot s) {
        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("python_version_score", versionScore(s.runtimeFeature()));
        performance.put("memory_efficiency", memoryEfficiency(s.memoryUsageMb()));
        performance.put("package_optimization", packageOptimization(s.totalPackagesCount()));

        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("version", s.runtimeVersion());
        runtime.put("implementation", s.runtimeName());
        runtime.put("is_supported", s.runtimeFeature() >= 17);
        runtime.put("eol_date", null);

        List<String> packages = packageNames(s);
        List<String> conflicts = new ArrayList<>();
        if (packages.contains("tensorflow") && packages.contains("torch")) {
            conflicts.add("TensorFlow and PyTorch both installed - may cause memory issues");
        }

        Map<String, Object> recommended = new LinkedHashMap<>();
        recommended.put("jupyterlab", ">=3.0.0");
        recommended.put("ipython", ">=7.0.0");
        Map<String, Object> jupyter = new LinkedHashMap<>();
        jupyter.put("jupyterlab_version", null);
        jupyter.put("ipython_version", null);
        jupyter.put("is_compatible", true);
        jupyter.put("recommended_versions", recommended);

        Map<String, Object> compatibility = new LinkedHashMap<>();
        compatibility.put("python_compatibility", runtime);
        compatibility.put("package_conflicts", conflicts);
        compatibility.put("jupyter_compatibility", jupyter);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("performance_indicators", performance);
        out.put("compatibility_info", compatibility);
        out.put("overall_score", healthScore(s));
        out.put("analysis_summary", "Environment analysis completed with detailed metrics");
        return out;
    }

    private static double versionScore(int feature) {
        if (feature >= 21) {
            return 1.0;
        }
        if (feature >= 17) {
            return 0.8;
        }
        return feature >= 11 ? 0.6 : 0.3;
    }

    private static double memoryEfficiency(Double mb) {
        if (mb == null || mb == 0) {
            return 0.5;
        }
        if (mb < 100) {
            return 1.0;
        }
        if (mb < 500) {
            return 0.8;
        }
        return mb < 1000 ? 0.6 : 0.3;
    }

    private static double packageOptimization(int packages) {
        if (packages < 50) {
            return 1.0;
        }
        if (packages < 150) {
            return 0.8;
        }
        return packages < 300 ? 0.6 : 0.3;
    }

    private static List<String> packageNames(EnvironmentSnapshot s) {
        return s.keyPackages().stream().map(p -> String.valueOf(p.get("name")).toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
