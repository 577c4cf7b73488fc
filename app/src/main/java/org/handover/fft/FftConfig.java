package org.handover.fft;

import org.handover.rules.fft.FftEligibility;
import org.handover.rules.fft.SendingHours;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class FftConfig {

    /** Built once at start: the rule unit was compiled at build time. */
    @Bean
    FftEligibility fftEligibility(FftProperties properties) {
        return FftEligibility.create(properties.policy());
    }

    @Bean
    SendingHours fftSendingHours(FftProperties properties) {
        return properties.sendingHours();
    }
}
