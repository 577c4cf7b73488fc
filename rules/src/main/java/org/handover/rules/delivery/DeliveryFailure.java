package org.handover.rules.delivery;

import java.util.Locale;
import java.util.Objects;

/**
 * One failed attempt to deliver an outbound message.
 *
 * @param channel     "gp" (MESH over HTTP), "social-care" (SMTP mail) or "sms" (SMPP)
 * @param errorCode   {@code HTTP_<status>}, {@code SMTP_<reply code>}, {@code SMPP_<command_status as 8 hex digits>},
 *                    {@code CONNECTION_REFUSED}, {@code TIMEOUT} or {@code UNKNOWN}; stored in upper case
 * @param attempts    attempts made so far, including the one that failed (from 1)
 * @param maxAttempts attempts allowed in all
 */
public record DeliveryFailure(String channel, String errorCode, int attempts, int maxAttempts) {

    public DeliveryFailure {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(errorCode, "errorCode");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        // The rules compare codes as written in the DRL: SMPP hex digits in upper case.
        errorCode = errorCode.strip().toUpperCase(Locale.ROOT);
    }
}
