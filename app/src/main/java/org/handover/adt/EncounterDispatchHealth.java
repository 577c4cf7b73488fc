package org.handover.adt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.handover.adt.EncounterDispatch.Backlog;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The dispatch backlog - hospital events acknowledged but not yet handed to the downstream processes - as gauges
 * (refreshed every few seconds) and under /actuator/health/encounterDispatch: DOWN when the oldest has waited longer
 * than {@code handover.adt.dispatch.alert-after}, so an operator sees a stalled dispatcher before a ward does.
 */
class EncounterDispatchHealth implements HealthIndicator {

    private final EncounterDispatch store;
    private final Duration alertAfter;
    private volatile Backlog last = new Backlog(0, Duration.ZERO, 0);

    EncounterDispatchHealth(EncounterDispatch store, Duration alertAfter, MeterRegistry registry) {
        this.store = store;
        this.alertAfter = alertAfter;
        Gauge.builder("handover.adt.dispatch.backlog", () -> last.pending())
                .description("Hospital events acknowledged but not yet handed to the downstream processes")
                .register(registry);
        Gauge.builder("handover.adt.dispatch.oldest.age", () -> last.oldest().toMillis() / 1000.0)
                .description("Age in seconds of the oldest hospital event not yet handed to the downstream processes")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("handover.adt.dispatch.quarantined", () -> last.quarantined())
                .description("Hospital events whose dispatch was given up and quarantined for review")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${handover.adt.dispatch.metrics-interval:5s}")
    void refresh() {
        last = store.backlog();
    }

    @Override
    public Health health() {
        Backlog backlog = store.backlog();
        last = backlog;
        Health.Builder health = backlog.oldest().compareTo(alertAfter) > 0 ? Health.down() : Health.up();
        return health.withDetail("backlog", backlog.pending())
                .withDetail("oldestUndispatchedSeconds", backlog.oldest().toSeconds())
                .withDetail("quarantined", backlog.quarantined())
                .withDetail("alertAfterSeconds", alertAfter.toSeconds())
                .build();
    }
}
