package org.handover.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.stereotype.Component;

/** JSON for the message attributes the ledger stores as text. */
@Component
class AttributesCodec {

    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final ObjectMapper objectMapper;

    AttributesCodec(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    String encode(Map<String, String> attributes) {
        return attributes.isEmpty() ? null : write(attributes);
    }

    Map<String, String> decode(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return objectMapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored message attributes are not valid JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }
}
