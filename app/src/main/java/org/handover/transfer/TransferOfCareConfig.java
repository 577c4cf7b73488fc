package org.handover.transfer;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TransferOfCareConfig {

    /** STU3 (ITK3 messages); the referral module has its own R4 context. Not a bean: one FhirContext type per app. */
    private final FhirContext stu3 = FhirContext.forDstu3Cached();

    @Bean
    Stu3Validation stu3Validation() {
        return new Stu3Validation(stu3).warmUp();
    }

    @Bean
    EDischargeMessages eDischargeMessages(TransferSettings settings,
            @Value("${handover.mesh.mailbox-id}") String trustMailbox) {
        return new EDischargeMessages(stu3, settings.trustName(), settings.trustOds(), trustMailbox, settings.zone());
    }

    /**
     * @param trustName          how messages and letters name the sender
     * @param trustOds           the trust's ODS code (sender of every ITK3 message)
     * @param standard           from discharge to the GP's acknowledgement (the NHS Standard Contract's 24 hours)
     * @param warning            when to escalate to {@code escalationGroup} if the GP has not acknowledged
     * @param escalationGroup    who chases late summaries
     * @param mailboxCacheTime   how long a MESH endpoint lookup answer (mailbox or none) is trusted
     * @param patientCopyChannel how a patient who asked for a copy gets it: {@code letter} (printed and posted by the
     *                           ward) or {@code email} (secure mail to the address the summary gives; letter without one)
     * @param zone               the trust's local time, for what people read
     */
    @ConfigurationProperties("handover.transfer-of-care")
    record TransferSettings(String trustName, String trustOds, Duration standard, Duration warning,
            String escalationGroup, Duration mailboxCacheTime, String patientCopyChannel, ZoneId zone) {
        TransferSettings {
            trustName = trustName == null || trustName.isBlank() ? "Handover NHS Trust" : trustName;
            trustOds = trustOds == null || trustOds.isBlank() ? "RX1" : trustOds;
            standard = standard == null ? Duration.ofHours(24) : standard;
            warning = warning == null ? Duration.ofHours(18) : warning;
            escalationGroup = escalationGroup == null || escalationGroup.isBlank() ? "discharge-leads" : escalationGroup;
            mailboxCacheTime = mailboxCacheTime == null ? Duration.ofHours(24) : mailboxCacheTime;
            patientCopyChannel = patientCopyChannel == null || patientCopyChannel.isBlank() ? "letter" : patientCopyChannel;
            zone = zone == null ? ZoneId.of("Europe/London") : zone;
            if (!warning.minus(standard).isNegative()) {
                throw new IllegalArgumentException("handover.transfer-of-care.warning (" + warning
                        + ") must come before the standard (" + standard + ")");
            }
            if (!patientCopyChannel.equals("letter") && !patientCopyChannel.equals("email")) {
                throw new IllegalArgumentException("handover.transfer-of-care.patient-copy-channel must be letter or "
                        + "email, not " + patientCopyChannel);
            }
        }
    }
}
