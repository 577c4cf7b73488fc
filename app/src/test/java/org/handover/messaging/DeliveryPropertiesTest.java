package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPropertiesTest {

    private final DeliveryProperties properties = new DeliveryProperties(8, Duration.ofSeconds(5), 2.0,
            Duration.ofMinutes(1), Duration.ofMillis(200), 500, 4, Duration.ofSeconds(30));

    @Test
    void backoffDoublesFromTheFirstDelayAndStopsAtTheCap() {
        assertThat(properties.retryDelayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.retryDelayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.retryDelayAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.retryDelayAfter(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.retryDelayAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.retryDelayAfter(30)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anAttemptWithoutAnAnswerWaitsAtLeastTheOutcomeUnknownDelay() {
        assertThat(properties.retryDelayAfterNoAnswer(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.retryDelayAfterNoAnswer(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(new DeliveryProperties(8, Duration.ofSeconds(5), 2.0, Duration.ofMinutes(1), Duration.ofMillis(200),
                500, 4, null).outcomeUnknownDelay()).isEqualTo(Duration.ofMinutes(10));
    }
}
