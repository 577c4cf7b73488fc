package org.handover.routes.delivery;

import java.util.Objects;

/**
 * Why one delivery attempt failed.
 *
 * @param code channel-independent code the retry rules use, see {@link DeliveryErrors}
 * @param text short explanation for people; never holds a message body or a full NHS number
 */
public record DeliveryError(String code, String text) {

    public DeliveryError {
        Objects.requireNonNull(code, "code");
        text = text == null ? "" : text;
    }

    /** The same error with every occurrence of {@code secret} (e.g. the message body) blanked out. */
    public DeliveryError redact(String secret) {
        if (secret == null || secret.isBlank() || !text.contains(secret)) {
            return this;
        }
        return new DeliveryError(code, text.replace(secret, "[redacted]"));
    }
}
