package org.handover.referral;

import java.time.Instant;
import java.util.Optional;

/**
 * Handed to a new referral's process as a transient variable (never stored, no history): the referral as the intake
 * stored it, and what the route step then wrote to its row, so that the intake answers 201 without reading the row
 * again (one query per referral).
 */
final class RoutingAtIntake {

    static final String VARIABLE = "routingAtIntake";

    private final ReferralRecord stored;
    private volatile ReferralRecord routed;

    RoutingAtIntake(ReferralRecord stored) {
        this.stored = stored;
    }

    ReferralRecord stored() {
        return stored;
    }

    void routed(String team, ReferralPriority priority, String routingReason, Instant at) {
        routed = stored.routed(team, priority, routingReason, at);
    }

    /** The referral as its row now reads, once routed. */
    Optional<ReferralRecord> current() {
        return Optional.ofNullable(routed);
    }
}
