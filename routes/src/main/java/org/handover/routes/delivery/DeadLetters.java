package org.handover.routes.delivery;

/** Where a dead-lettered message goes to be decided on by a person; implemented by the application. */
public interface DeadLetters {

    /** Opens (at most one open) "Delivery failed" task for the message; must be idempotent. */
    void deadLettered(OutboundMessage message);
}
