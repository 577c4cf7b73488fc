package org.handover.routes.delivery;

/**
 * Receipts and acknowledgements coming back from a channel, keyed by the id the receiver gave the message. A receipt
 * may come back before the ledger has recorded that message as sent: it is kept until it has, never dropped.
 */
public interface DeliveryReceipts {

    /** What a receipt reports. */
    enum ReceiptKind {
        DELIVERED,
        UNDELIVERABLE,
        ACKNOWLEDGED
    }

    void delivered(Channel channel, String remoteId, String detail);

    void undeliverable(Channel channel, String remoteId, String detail);

    /** A business acknowledgement (e.g. an ITK response); channels without them never call it. */
    default void acknowledged(Channel channel, String remoteId) {
        throw new UnsupportedOperationException("business acknowledgements are not recorded here");
    }

    /** A receipt that names the message by the id Handover sent it with (an ITK response names what it answers). */
    default void receivedForMessage(Channel channel, String messageId, ReceiptKind kind, String detail) {
        throw new UnsupportedOperationException("receipts by message id are not recorded here");
    }
}
