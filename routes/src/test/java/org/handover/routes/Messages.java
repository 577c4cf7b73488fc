package org.handover.routes;

import java.util.Map;
import java.util.UUID;

import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;

/** Synthetic envelopes for route tests. */
public final class Messages {

    private Messages() {
    }

    public static OutboundMessage message(Channel channel, String recipient, String payload, Map<String, String> attributes) {
        return new OutboundMessage(UUID.randomUUID().toString(), channel, recipient, "DischargeSummaryIssued",
                "ENC-0001", 1, payload, attributes);
    }
}
