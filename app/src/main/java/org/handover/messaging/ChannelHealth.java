package org.handover.messaging;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of each outbound channel under /actuator/health/channels: the last result of {@link ChannelProbes}, the
 * same one the {@code handover_channel_up} gauge shows. A request never probes: a health check every few seconds
 * from a load balancer would otherwise open a connection to every channel each time. A channel down does not stop
 * the application (messages wait in the outbox) but operators see it at once.
 */
@Configuration
class ChannelHealth {

    @Bean("channels")
    HealthContributor channelsHealth(ChannelProbes probes) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        probes.channels().forEach(channel -> indicators.put(channel, () -> probes.last(channel)));
        return CompositeHealthContributor.fromMap(indicators);
    }
}
