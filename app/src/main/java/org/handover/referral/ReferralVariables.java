package org.handover.referral;

import static org.handover.processes.referral.ReferralProcess.Variables.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.handover.domain.NhsNumber;
import org.handover.processes.referral.ReferralProcess;

/** The process variables of a referral, as the triage form and Tasklist search need them. */
final class ReferralVariables {

    /** ISO date the referral reached Handover: the two-week-wait clock starts here. */
    static final String REFERRED_ON = "referredOn";

    private ReferralVariables() {
    }

    static Map<String, Object> atStart(ReferralRecord referral, LocalDate today) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(UBRN, referral.ubrn());
        variables.put(NHS_NUMBER, referral.nhsNumber());
        variables.put(NHS_NUMBER_FORMATTED, NhsNumber.of(referral.nhsNumber()).formatted());
        variables.put(PATIENT_NAME, referral.patientName());
        variables.put(PATIENT_BIRTH_DATE, referral.patientBirthDate() == null ? null : referral.patientBirthDate().toString());
        variables.put(PATIENT_AGE, referral.patientBirthDate() == null ? null : referral.patientAgeOn(today));
        variables.put(PRACTICE_ODS, referral.practiceOds());
        variables.put(REFERRER_NAME, referral.referrerName());
        variables.put(SPECIALTY_CODE, referral.specialtyCode());
        variables.put(SPECIALTY, referral.specialtyDisplay());
        variables.put(GP_PRIORITY, referral.gpPriority().processValue());
        variables.put(PRIORITY, referral.gpPriority().processValue());
        variables.put(REASON, referral.reason());
        variables.put(CLINICAL_INFORMATION, referral.clinicalInformation());
        variables.put(ATTACHMENTS, attachments(referral));
        variables.put(REFERRAL_STATE, ReferralProcess.States.AWAITING_TRIAGE);
        variables.put(REFERRED_ON, today.toString());
        return variables;
    }

    static String attachments(ReferralRecord referral) {
        if (referral.attachments().isEmpty()) {
            return "None";
        }
        return String.join("\n", referral.attachments().stream()
                .map(a -> "- " + (a.title() == null ? "Untitled document" : a.title())
                        + (a.contentType() == null ? "" : " (" + a.contentType() + ")"))
                .toList());
    }

    static org.handover.rules.referral.ReferralPriority rulesPriority(String processPriority) {
        return switch (processPriority) {
            case ReferralProcess.Priorities.URGENT -> org.handover.rules.referral.ReferralPriority.URGENT;
            case ReferralProcess.Priorities.TWO_WEEK_WAIT -> org.handover.rules.referral.ReferralPriority.TWO_WEEK_WAIT;
            default -> org.handover.rules.referral.ReferralPriority.ROUTINE;
        };
    }

    static String processPriority(org.handover.rules.referral.ReferralPriority priority) {
        return switch (priority) {
            case ROUTINE -> ReferralProcess.Priorities.ROUTINE;
            case URGENT -> ReferralProcess.Priorities.URGENT;
            case TWO_WEEK_WAIT -> ReferralProcess.Priorities.TWO_WEEK_WAIT;
        };
    }

    /** Deadlines fall at the end of the working day, 17:00 trust time. */
    static Date endOfWorkingDay(LocalDate day, ZoneId zone) {
        return Date.from(day.atTime(17, 0).atZone(zone).toInstant());
    }
}
