package org.handover.messaging;

import java.util.Set;

/** Where an outbound message is in its life, as the delivery ledger records it. */
public enum DeliveryStatus {
    /** Written to the outbox, waiting for the relay. */
    PENDING,
    /** On its channel's Artemis queue or being delivered; the relay counts the attempt when it queues it. */
    QUEUED,
    /** Being delivered: written by releases before the relay counted attempts, still read as in flight. */
    SENDING,
    /** The receiver accepted it. */
    SENT,
    /** The receiver's delivery receipt came back. */
    DELIVERED,
    /** The recipient acknowledged it (e.g. an ITK business acknowledgement). */
    ACKNOWLEDGED,
    /** The last attempt failed; another is scheduled. */
    FAILED,
    /** The receiver reported it could not be delivered to the person or system. */
    UNDELIVERABLE,
    /** Out of attempts or refused for good: on the dead-letter queue, a person decides. */
    DEAD,
    /** A person decided not to send it, with a reason. */
    ABANDONED;

    /** The relay moves these to their queue once due. */
    public static final Set<DeliveryStatus> RELAYABLE = Set.of(PENDING, FAILED);
    /** Nothing more will happen to these without a person. */
    public static final Set<DeliveryStatus> NEEDS_ATTENTION = Set.of(DEAD, UNDELIVERABLE);
}
