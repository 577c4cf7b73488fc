package org.handover.socialcare;

/** How a council receives discharge notifications. */
public enum CouncilChannel {
    /** Secure email: a readable body with the structured notice attached as JSON. */
    SMTP,
    /** A MESH mailbox: the structured notice as the message, under the council's workflow id. */
    MESH
}
