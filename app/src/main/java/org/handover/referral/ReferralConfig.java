package org.handover.referral;

import java.time.ZoneId;
import org.handover.rules.referral.DeadlinePolicy;
import org.handover.rules.referral.ReferralRules;
import org.handover.rules.referral.WorkingDays;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReferralConfig {

    /** Built once at start: the routing rule unit was compiled at build time. */
    @Bean
    ReferralRules referralRules(ReferralSettings settings) {
        return ReferralRules.create(WorkingDays.england(), new DeadlinePolicy(settings.twoWeekWaitTriageDays(),
                settings.urgentTriageDays(), settings.routineTriageDays()), settings.fallbackGroup());
    }

    @Bean
    WorkingDays workingDays() {
        return WorkingDays.england();
    }

    /**
     * @param twoWeekWaitTriageDays working days to triage a two-week-wait referral (1)
     * @param urgentTriageDays working days to triage an urgent referral (2)
     * @param routineTriageDays working days to triage a routine referral (5)
     * @param twoWeekWaitSeenWithinDays calendar days from referral within which a 2WW patient must be seen (14)
     * @param urgentBookingDays working days to book an urgent referral once accepted (5)
     * @param routineBookingDays working days to book a routine referral once accepted (10)
     * @param informationDays working days the referrer has to send further information (5)
     * @param fallbackGroup who triages what no routing entry matches
     * @param gpMailboxPattern MESH mailbox of a GP practice, {ods} replaced by its ODS code
     * @param meshWorkflowId MESH workflow id of referral outcome messages to GPs
     * @param zone the trust's local time, for deadlines at the end of a working day
     */
    @ConfigurationProperties("handover.referral")
    record ReferralSettings(int twoWeekWaitTriageDays, int urgentTriageDays, int routineTriageDays,
            int twoWeekWaitSeenWithinDays, int urgentBookingDays, int routineBookingDays, int informationDays,
            String fallbackGroup, String gpMailboxPattern, String meshWorkflowId, ZoneId zone) {
    }
}
