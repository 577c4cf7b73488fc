package org.handover.system;

import java.time.Clock;
import org.handover.rules.delivery.DeliveryRetryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

@Configuration
@EnableMethodSecurity
class PlatformConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Built once at start: the rule unit is compiled ahead of the first failure, not during it. */
    @Bean
    DeliveryRetryPolicy deliveryRetryPolicy() {
        return DeliveryRetryPolicy.create();
    }
}
