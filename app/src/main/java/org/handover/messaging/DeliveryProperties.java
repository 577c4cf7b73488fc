package org.handover.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How hard the delivery backbone tries: attempts before a message is dead-lettered, exponential backoff between
 * them (first delay times multiplier to the power of attempts made, capped), how often the relay looks for due
 * messages and how many it moves at once.
 */
@ConfigurationProperties("handover.delivery")
public record DeliveryProperties(
        int maxAttempts,
        Duration firstRetryDelay,
        double backoffMultiplier,
        Duration maxRetryDelay,
        Duration relayInterval,
        int relayBatchSize,
        int concurrentConsumers) {

    public Duration retryDelayAfter(int attemptsMade) {
        double factor = Math.pow(backoffMultiplier, Math.max(0, attemptsMade - 1));
        double millis = firstRetryDelay.toMillis() * factor;
        return millis >= maxRetryDelay.toMillis() ? maxRetryDelay : Duration.ofMillis((long) millis);
    }
}
