package org.handover.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** CPU and memory of the processes a benchmark runs, from Linux's /proc; 0 for a process that is gone or unnamed. */
final class ProcStats {

    private ProcStats() {
    }

    /** User and system CPU milliseconds process {@code pid} has used so far. */
    static long cpuMillis(String pid) {
        if (pid == null || pid.isBlank()) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The postmaster and its children (the backends and PostgreSQL's own workers). */
    static long postgresCpuMillis(String postmaster) {
        long total = 0;
        for (String pid : postgresPids(postmaster)) {
            total += cpuMillis(pid);
        }
        return total;
    }

    /**
     * Memory of the postmaster and its children counted once: the sum of their proportional set sizes (shared buffers
     * divided among the processes that touched them), which a sum of RSS would count once per backend.
     */
    static long postgresPssMiB(String postmaster) {
        long kb = 0;
        for (String pid : postgresPids(postmaster)) {
            kb += statusKb(Path.of("/proc", pid, "smaps_rollup"), "Pss:");
        }
        return kb / 1024;
    }

    /**
     * CPU milliseconds of each kind of live thread of process {@code pid} so far, digits folded so that a pool's
     * threads count as one kind ("http-nio-18080-exec-12" as "http-nio-#-exec-#").
     */
    static Map<String, Long> threadCpuMillis(String pid) {
        Map<String, Long> kinds = new TreeMap<>();
        if (pid == null || pid.isBlank()) {
            return kinds;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                try {
                    String kind = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    kinds.merge(kind, cpuMillis(pid + "/task/" + task.getFileName()), Long::sum);
                } catch (IOException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException gone) {
            return kinds;
        }
        return kinds;
    }

    static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    static long rssMiB(String pid) {
        return pid == null ? 0 : statusKb(Path.of("/proc", pid, "status"), "VmRSS:") / 1024;
    }

    /** The largest resident set the process has had (VmHWM). */
    static long peakRssMiB(String pid) {
        return pid == null ? 0 : statusKb(Path.of("/proc", pid, "status"), "VmHWM:") / 1024;
    }

    private static List<String> postgresPids(String postmaster) {
        List<String> pids = new ArrayList<>();
        if (postmaster == null || postmaster.isBlank()) {
            return pids;
        }
        pids.add(postmaster);
        try {
            Path children = Path.of("/proc", postmaster, "task", postmaster, "children");
            for (String child : Files.readString(children).trim().split("\\s+")) {
                if (!child.isBlank()) {
                    pids.add(child);
                }
            }
        } catch (IOException gone) {
            // PostgreSQL stopped: the postmaster alone (0)
        }
        return pids;
    }

    private static long statusKb(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }
}
