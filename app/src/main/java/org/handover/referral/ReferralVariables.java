package org.handover.referral;

import static org.handover.processes.referral.ReferralProcess.Variables.*;
import static org.handover.system.MarkdownText.escaped;
import static org.handover.system.MarkdownText.item;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.handover.domain.NhsNumber;
import org.handover.processes.referral.ReferralProcess;

/**
 * The process variables of a referral: what the BPMN's expressions, the team filters' findable-task copies, the
 * delegates and the forms need, and no more. What only the forms show is one Markdown variable,
 * {@link ReferralProcess.Variables#REFERRAL_DETAILS}; the delegates read the rest from the referral row.
 */
final class ReferralVariables {

    /** Camunda keeps a text variable in 4,000 characters; beyond this the attachments are counted, not listed. */
    private static final int MOST_CHARACTERS = 3_500;

    private ReferralVariables() {
    }

    static Map<String, Object> atStart(ReferralRecord referral, LocalDate today) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(UBRN, referral.ubrn());
        variables.put(NHS_NUMBER, referral.nhsNumber());
        variables.put(PATIENT_NAME, referral.patientName());
        variables.put(SPECIALTY_CODE, referral.specialtyCode());
        variables.put(SPECIALTY, referral.specialtyDisplay());
        variables.put(PRIORITY, referral.gpPriority().processValue());
        variables.put(REASON, referral.reason());
        variables.put(CLINICAL_INFORMATION, referral.clinicalInformation());
        variables.put(REFERRAL_DETAILS, details(referral, today));
        variables.put(REFERRAL_STATE, ReferralProcess.States.AWAITING_TRIAGE);
        return variables;
    }

    /** Patient, referrer and attachments as the forms show them, in Markdown; values escaped, on one line each. */
    static String details(ReferralRecord referral, LocalDate today) {
        StringBuilder markdown = new StringBuilder("#### Patient\n\n");
        item(markdown, "Name", referral.patientName());
        item(markdown, "NHS number", NhsNumber.of(referral.nhsNumber()).formatted());
        item(markdown, "Age", referral.patientBirthDate() == null ? "not given"
                : Integer.toString(referral.patientAgeOn(today)));
        markdown.append("\n#### Referral\n\n");
        item(markdown, "Referrer", referral.referrerName());
        item(markdown, "GP practice (ODS code)", referral.practiceOds());
        item(markdown, "Priority given by the GP", referral.gpPriority().processValue());
        markdown.append("\n#### Attachments\n\n");
        if (referral.attachments().isEmpty()) {
            markdown.append("None\n");
        }
        int listed = 0;
        for (ReferralRecord.Attachment attachment : referral.attachments()) {
            if (markdown.length() > MOST_CHARACTERS) {
                markdown.append("- and ").append(referral.attachments().size() - listed)
                        .append(" more: read the referral over FHIR\n");
                break;
            }
            listed++;
            markdown.append("- ").append(escaped(attachment.title() == null ? "Untitled document" : attachment.title()))
                    .append(attachment.contentType() == null ? "" : " (" + escaped(attachment.contentType()) + ")")
                    .append('\n');
        }
        return markdown.toString();
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
