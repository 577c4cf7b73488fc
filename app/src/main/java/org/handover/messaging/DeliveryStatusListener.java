package org.handover.messaging;

/**
 * Told, after the ledger's change committed, what became of a message that a receipt or a person settled: delivered,
 * acknowledged, undeliverable or abandoned. For features that keep their own copy of the outcome and would otherwise
 * have to sweep the ledger for it. Called on the thread that recorded the change: keep it short.
 */
public interface DeliveryStatusListener {

    void statusChanged(String messageId, String messageType, String correlationKey, DeliveryStatus status);
}
