package org.handover.rules.delivery;

/** Whether trying the same delivery again can succeed. */
public enum FailureKind {
    /** The receiver or the network may recover: busy, throttled, down, unreachable. */
    TRANSIENT,
    /** The receiver refused this message or recipient: sending it again will fail the same way. */
    PERMANENT
}
