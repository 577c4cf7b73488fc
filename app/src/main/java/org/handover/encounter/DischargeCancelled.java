package org.handover.encounter;

import java.time.Instant;

/**
 * A discharge was cancelled (HL7 v2 A13, or A11 cancelling the admission). Published inside a transaction (the
 * dispatcher's, after the ACK); every module that started work for the episode withdraws it and tells recipients who were already sent something.
 */
public record DischargeCancelled(String episodeId, String nhsNumber, Instant cancelledAt, String reason) {
}
