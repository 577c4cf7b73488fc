package org.handover.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How hard the delivery backbone tries: attempts before a message is dead-lettered, exponential backoff between
 * them (first delay times multiplier to the power of attempts made, capped), how often the relay looks for due
 * messages and how many it moves at once; and how long a text or mail whose receiver took it but never answered
 * waits before it is sent again ({@code outcome-unknown-delay}, at least the backoff).
 */
@ConfigurationProperties("handover.delivery")
public record DeliveryProperties(
        int maxAttempts,
        Duration firstRetryDelay,
        double backoffMultiplier,
        Duration maxRetryDelay,
        Duration relayInterval,
        int relayBatchSize,
        int concurrentConsumers,
        Duration outcomeUnknownDelay) {

    static final Duration DEFAULT_OUTCOME_UNKNOWN_DELAY = Duration.ofMinutes(10);

    public DeliveryProperties {
        outcomeUnknownDelay = outcomeUnknownDelay == null ? DEFAULT_OUTCOME_UNKNOWN_DELAY : outcomeUnknownDelay;
    }

    public Duration retryDelayAfter(int attemptsMade) {
        double factor = Math.pow(backoffMultiplier, Math.max(0, attemptsMade - 1));
        double millis = firstRetryDelay.toMillis() * factor;
        return millis >= maxRetryDelay.toMillis() ? maxRetryDelay : Duration.ofMillis((long) millis);
    }

    /**
     * After an attempt whose outcome is unknown (the receiver was handed the whole message and did not answer in
     * time), the resend waits at least {@code outcomeUnknownDelay}: RFC 5321 4.5.4.1 asks the same of a mail client
     * (30 minutes), and a message centre or mail server that was stalled, not dead, has by then delivered what it had.
     */
    public Duration retryDelayAfterNoAnswer(int attemptsMade) {
        Duration backoff = retryDelayAfter(attemptsMade);
        return backoff.compareTo(outcomeUnknownDelay) >= 0 ? backoff : outcomeUnknownDelay;
    }
}
