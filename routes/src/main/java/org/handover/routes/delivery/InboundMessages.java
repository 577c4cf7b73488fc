package org.handover.routes.delivery;

/**
 * Messages arriving from outside through a channel route (e.g. a patient's SMS reply). The implementation stores
 * the message durably before returning; the route acknowledges the sender only after this returns.
 */
public interface InboundMessages {

    void smsReceived(String fromNumber, String toNumber, String text, String remoteId);
}
