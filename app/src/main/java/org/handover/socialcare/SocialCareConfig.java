package org.handover.socialcare;

import java.time.ZoneId;
import org.handover.rules.discharge.DischargeToAssessRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SocialCareConfig {

    /** Built once at start: the rule unit was compiled at build time. */
    @Bean
    DischargeToAssessRules dischargeToAssessRules() {
        return DischargeToAssessRules.create();
    }

    /**
     * @param escalationGroup who chases a council that has not acknowledged in time (the hospital's discharge leads)
     * @param trustName       how notices name the sender
     * @param zone            the trust's local time, for deadlines and the dates people read
     */
    @ConfigurationProperties("handover.social-care")
    record SocialCareSettings(String escalationGroup, String trustName, ZoneId zone) {
        SocialCareSettings {
            escalationGroup = escalationGroup == null || escalationGroup.isBlank() ? "discharge-leads" : escalationGroup;
            trustName = trustName == null || trustName.isBlank() ? "Handover NHS Trust" : trustName;
            zone = zone == null ? ZoneId.of("Europe/London") : zone;
        }
    }
}
