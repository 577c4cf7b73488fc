package org.handover.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stretch of a national-day run cost (a warm-up round, the whole warm-up, the measured day): its arrivals,
 * how long it took (sending and draining), each process's CPU and the application's JIT compiler threads' CPU.
 *
 * @param cpuMillis      CPU milliseconds per process: application, simulators, postgresql, load generator
 * @param compilerMillis the application's C1 and C2 compiler threads (Linux names them "C2 CompilerThre", ProcStats "C# CompilerThre")
 */
record DayCost(int arrivals, double seconds, Map<String, Long> cpuMillis, long compilerMillis) {

    static final String APPLICATION = "application";
    static final String SIMULATORS = "simulators";
    static final String POSTGRESQL = "postgresql";
    static final String GENERATOR = "load generator";

    DayCost {
        cpuMillis = Map.copyOf(cpuMillis);
    }

    /** The cost between two snapshots of the processes' CPU and of the application's threads' CPU by kind. */
    static DayCost between(int arrivals, double seconds, Map<String, Long> cpuBefore, Map<String, Long> cpuAfter,
            Map<String, Long> threadsBefore, Map<String, Long> threadsAfter) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpuAfter.forEach((process, millis) -> cpu.put(process, millis - cpuBefore.getOrDefault(process, 0L)));
        return new DayCost(arrivals, seconds, cpu, compilers(threadsAfter) - compilers(threadsBefore));
    }

    private static long compilers(Map<String, Long> threads) {
        return threads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** A process's CPU per arrival, idle cost included. */
    double millisPerArrival(String process) {
        return (double) cpuMillis.getOrDefault(process, 0L) / Math.max(1, arrivals);
    }

    double compilerMillisPerArrival() {
        return (double) compilerMillis / Math.max(1, arrivals);
    }

    /** What England would run (application, simulators, PostgreSQL), the load generator apart. */
    long productMillis() {
        return cpuMillis.getOrDefault(APPLICATION, 0L) + cpuMillis.getOrDefault(SIMULATORS, 0L)
                + cpuMillis.getOrDefault(POSTGRESQL, 0L);
    }

    /** The stretch projected to England's day with {@code idleMillisPerSecond} for the product's pollers. */
    DayProjection projection(int cores, double idleMillisPerSecond, boolean withGenerator) {
        long millis = productMillis() + (withGenerator ? cpuMillis.getOrDefault(GENERATOR, 0L) : 0L);
        return new DayProjection(cores, idleMillisPerSecond, millis, seconds, arrivals);
    }

    /** This stretch and the one after it as one (the warm-up and the day: what a run without warm-up measured). */
    DayCost and(DayCost next) {
        Map<String, Long> cpu = new LinkedHashMap<>(cpuMillis);
        next.cpuMillis.forEach((process, millis) -> cpu.merge(process, millis, Long::sum));
        return new DayCost(arrivals + next.arrivals, seconds + next.seconds, cpu, compilerMillis + next.compilerMillis);
    }
}
