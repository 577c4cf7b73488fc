package org.handover.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code handover_retention_deleted_total{table}}, {@code handover_retention_oldest_kept_age_seconds{table}} (the oldest
 * finished row still kept) and {@code handover_retention_last_run_seconds} (when a run last ended, epoch seconds; an
 * alert can ask whether it ran last night).
 */
@Component
class RetentionMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> deleted = new ConcurrentHashMap<>();
    private final Map<String, Double> oldestKeptSeconds = new ConcurrentHashMap<>();
    private volatile double lastRunEpochSeconds = Double.NaN;

    RetentionMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("handover.retention.last.run", () -> lastRunEpochSeconds)
                .description("When the retention job last finished a run (epoch seconds), NaN before the first")
                .baseUnit("seconds")
                .register(registry);
    }

    void deleted(String table, int rows) {
        deleted.computeIfAbsent(table, name -> Counter.builder("handover.retention.deleted")
                        .description("Finished rows the retention job deleted")
                        .tag("table", name)
                        .register(registry))
                .increment(rows);
    }

    void oldestKept(String table, Duration age) {
        if (oldestKeptSeconds.put(table, (double) age.toSeconds()) == null) {
            Gauge.builder("handover.retention.oldest.kept.age", () -> oldestKeptSeconds.get(table))
                    .description("Age of the oldest finished row the table still keeps, counted from when it finished")
                    .tag("table", table)
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    void completed(RetentionRun run) {
        ranAt(run.started().plus(run.took()));
    }

    /** Also a run another node did: the nodes take turns, and each node's gauge says the job ran. */
    void ranAt(Instant end) {
        lastRunEpochSeconds = end.getEpochSecond();
    }
}
