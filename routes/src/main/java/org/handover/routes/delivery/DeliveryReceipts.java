package org.handover.routes.delivery;

/** Receipts and acknowledgements coming back from a channel, keyed by the id the receiver gave the message. */
public interface DeliveryReceipts {

    void delivered(Channel channel, String remoteId, String detail);

    void undeliverable(Channel channel, String remoteId, String detail);

    /** A business acknowledgement (e.g. an ITK response); channels without them never call it. */
    default void acknowledged(Channel channel, String remoteId) {
        throw new UnsupportedOperationException("business acknowledgements are not recorded here");
    }
}
