package org.handover.routes.delivery;

/** Receipts and acknowledgements coming back from a channel, keyed by the id the receiver gave the message. */
public interface DeliveryReceipts {

    void delivered(Channel channel, String remoteId, String detail);

    void undeliverable(Channel channel, String remoteId, String detail);
}
