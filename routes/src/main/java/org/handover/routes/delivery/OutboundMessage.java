package org.handover.routes.delivery;

import java.util.Map;
import java.util.Objects;

/**
 * The envelope of one outbound message, as the outbox relay puts it on a channel queue.
 *
 * @param id             unique id, also the idempotency key the receiver sees (MESH local id, mail Message-ID)
 * @param channel        which route delivers it
 * @param recipient      MESH mailbox id, email address or mobile number
 * @param type           what happened or what is wanted, e.g. "DischargeSummaryIssued"
 * @param correlationKey business key of the process that caused it
 * @param attempt        the delivery attempt this envelope is for, from 1
 * @param payload        the body to deliver
 * @param attributes     channel specifics: mail subject, MESH workflow id and subject
 */
public record OutboundMessage(
        String id,
        Channel channel,
        String recipient,
        String type,
        String correlationKey,
        int attempt,
        String payload,
        Map<String, String> attributes) {

    public static final String MESH_WORKFLOW_ID = "meshWorkflowId";
    public static final String SUBJECT = "subject";

    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(type, "type");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public String attribute(String name, String fallback) {
        return attributes.getOrDefault(name, fallback);
    }
}
