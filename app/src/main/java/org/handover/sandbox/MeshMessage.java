package org.handover.sandbox;

import java.time.Instant;

/**
 * One message held by the simulated MESH (the body is kept apart).
 *
 * @param sender the sending mailbox; blank for reports, which MESH itself sends
 */
record MeshMessage(
        String id,
        Type type,
        String sender,
        String recipient,
        String workflowId,
        String subject,
        String localId,
        String fileName,
        String contentType,
        String contentEncoding,
        String contentChecksum,
        boolean compressed,
        boolean encrypted,
        Status status,
        String statusCode,
        String statusEvent,
        String statusDescription,
        String linkedMessageId,
        Instant receivedAt,
        Instant acknowledgedAt) {

    enum Type {
        /** A message from one mailbox to another. */
        DATA,
        /** A report from MESH itself, e.g. a routing failure, in the sender's inbox. */
        REPORT
    }

    enum Status {
        /** In the recipient's inbox, not yet acknowledged. */
        ACCEPTED,
        /** Downloaded and acknowledged by the recipient: gone from the inbox. */
        ACKNOWLEDGED,
        /** Addressed to a mailbox MESH does not know: never in any inbox; the sender got an error report. */
        UNDELIVERABLE
    }
}
