package org.handover.chc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The 28-day measure as NHS England's quarterly return counts it: of the standard referrals decided, the share decided
 * within 28 days of the ICB receiving the positive Checklist (gauge {@code handover.chc.decided.within.28.days},
 * percent, read from the cases so it survives restarts), plus counters of decisions, warnings and breaches.
 */
@Component
class ChcMetrics {

    private final MeterRegistry registry;

    ChcMetrics(MeterRegistry registry, ChcCases cases) {
        this.registry = registry;
        Gauge.builder("handover.chc.decided.within.28.days", cases, c -> c.within28Days().percent())
                .description("Percent of CHC referrals decided within 28 days of the ICB's receipt").baseUnit("percent")
                .register(registry);
    }

    void decided(boolean withinTarget) {
        Counter.builder("handover.chc.decisions").tag("within28days", Boolean.toString(withinTarget))
                .register(registry).increment();
    }

    void warned(int day) {
        Counter.builder("handover.chc.deadline.warnings").tag("day", Integer.toString(day)).register(registry)
                .increment();
    }

    void breached() {
        Counter.builder("handover.chc.deadline.breaches").register(registry).increment();
    }
}
