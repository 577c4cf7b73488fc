package org.handover.referral;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A new referral as the intake stored it, and what the route step then wrote to its row, for the duration of the
 * process start on the intake's thread (the route step runs inside that start): the route step needs no copies of the
 * referral in process variables, and the intake answers 201 without reading the row again (one query per referral).
 * Not a process variable: Camunda would look for a serializer even for a transient one.
 */
final class RoutingAtIntake {

    private static final ThreadLocal<RoutingAtIntake> STARTING = new ThreadLocal<>();

    private final ReferralRecord stored;
    private ReferralRecord routed;

    private RoutingAtIntake(ReferralRecord stored) {
        this.stored = stored;
    }

    /** Runs the process start for {@code stored}; answers the referral as the route step left its row, if it ran. */
    static Optional<ReferralRecord> whileStarting(ReferralRecord stored, Runnable start) {
        RoutingAtIntake routing = new RoutingAtIntake(stored);
        RoutingAtIntake outer = STARTING.get();
        STARTING.set(routing);
        try {
            start.run();
        } finally {
            if (outer == null) {
                STARTING.remove();
            } else {
                STARTING.set(outer);
            }
        }
        return Optional.ofNullable(routing.routed);
    }

    /** The referral being started on this thread, if it has that UBRN. */
    static Optional<RoutingAtIntake> starting(String ubrn) {
        RoutingAtIntake routing = STARTING.get();
        return routing != null && routing.stored.ubrn().equals(ubrn) ? Optional.of(routing) : Optional.empty();
    }

    ReferralRecord stored() {
        return stored;
    }

    void routed(String team, ReferralPriority priority, String routingReason, Instant at) {
        routed = stored.routed(team, priority, routingReason, at);
    }
}
