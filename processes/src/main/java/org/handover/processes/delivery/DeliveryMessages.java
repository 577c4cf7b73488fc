package org.handover.processes.delivery;

/**
 * Names of the BPMN messages by which the delivery ledger tells a waiting process what became of a message it sent.
 * A process that sends a "DischargeSummaryIssued" and waits for the GP's acknowledgement catches the message
 * {@code DischargeSummaryIssued.ACKNOWLEDGED}, correlated by its business key.
 */
public final class DeliveryMessages {

    /** Process variable set on correlation: the outbox message id. */
    public static final String MESSAGE_ID = "deliveredMessageId";
    /** Process variable set on correlation: the ledger status reached. */
    public static final String STATUS = "deliveryStatus";

    private DeliveryMessages() {
    }

    public static String name(String messageType, String status) {
        return messageType + "." + status;
    }
}
