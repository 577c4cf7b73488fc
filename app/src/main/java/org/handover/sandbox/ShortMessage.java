package org.handover.sandbox;

import java.time.Instant;

/**
 * One short message through the simulated message centre: a text Handover submitted for a phone (MT) or a reply
 * typed on the sandbox page as the patient (MO).
 *
 * @param phone         the patient's number, E.164
 * @param shortCode     the trust's sender id / short code the text came from, or the reply went to
 * @param concatReference identifies the parts of one concatenated text (null for a single part)
 * @param clientReference the user_message_reference Handover gave, if any
 * @param receiptStatus the receipt's final status (DELIVRD, UNDELIV) for MT
 * @param state         what the message centre still owes Handover
 * @param deliverAfter  not before this time is the receipt or reply handed to Handover
 * @param forwardedAt   when Handover acknowledged the receipt or reply (deliver_sm_resp)
 */
record ShortMessage(
        String id,
        Direction direction,
        String phone,
        String shortCode,
        String text,
        int dataCoding,
        String concatReference,
        Integer partNumber,
        Integer partCount,
        String clientReference,
        String esmeSystemId,
        boolean receiptRequested,
        String receiptStatus,
        State state,
        Instant deliverAfter,
        Instant forwardedAt,
        int attempts,
        String lastError,
        Instant receivedAt) {

    enum Direction {
        /** Mobile terminated: from Handover to the phone. */
        MT,
        /** Mobile originated: the patient's reply, to Handover. */
        MO
    }

    enum State {
        /** MT on the phone; no receipt asked for. */
        RECEIVED,
        /** MT on the phone; the delivery receipt still to be handed to Handover. */
        RECEIPT_PENDING,
        /** MT on the phone; Handover took the delivery receipt. */
        RECEIPT_SENT,
        /** MO waiting for Handover to bind a receiver and take it. */
        QUEUED,
        /** MO taken by Handover. */
        DELIVERED,
        /** Handover refused the receipt or reply too many times: the message centre gave up. */
        FAILED
    }
}
