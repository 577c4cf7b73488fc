package org.handover.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.handover.routes.delivery.OutboundMessage;

/**
 * The JSON form of {@link OutboundMessage} on the queues: Jackson's record mapping, the channel as its enum name.
 * Unknown fields are ignored so the application may add some before the routes know them.
 */
public final class Envelopes {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Envelopes() {
    }

    public static OutboundMessage read(String json) {
        if (json == null || json.isBlank()) {
            throw new UnreadableEnvelopeException("empty envelope", null);
        }
        try {
            return JSON.readValue(json, OutboundMessage.class);
        } catch (JsonProcessingException | RuntimeException e) {
            // the parser's message may quote the body: keep only the type
            throw new UnreadableEnvelopeException("not an OutboundMessage envelope (" + e.getClass().getSimpleName() + ")",
                    null);
        }
    }

    public static String write(OutboundMessage message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write envelope " + message.id(), e);
        }
    }
}
