package org.handover.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.handover.processes.referral.ReferralProcess.Variables;
import org.junit.jupiter.api.Test;

/** The few process variables a referral starts with, and the Markdown details the forms show. */
class ReferralVariablesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void startsWithTheVariablesTheModelFiltersAndFormsNeedAndTheDetailsInOne() {
        ReferralRecord referral = ReferralResourcesTest.referral("valid-2ww-colorectal-red-flag.json", "AWAITING_TRIAGE");

        Map<String, Object> variables = ReferralVariables.atStart(referral, TODAY);

        assertThat(variables).containsOnlyKeys(Variables.UBRN, Variables.NHS_NUMBER, Variables.PATIENT_NAME,
                Variables.SPECIALTY_CODE, Variables.SPECIALTY, Variables.PRIORITY, Variables.REASON,
                Variables.CLINICAL_INFORMATION, Variables.REFERRAL_DETAILS, Variables.REFERRAL_STATE);
        String details = (String) variables.get(Variables.REFERRAL_DETAILS);
        assertThat(details).contains("#### Patient", "- **Name:** " + referral.patientName(),
                "- **NHS number:** " + org.handover.domain.NhsNumber.of(referral.nhsNumber()).formatted(),
                "- **Age:** " + referral.patientAgeOn(TODAY), "- **Referrer:** " + referral.referrerName(),
                "- **GP practice (ODS code):** " + referral.practiceOds(), "- **Priority given by the GP:** ",
                "#### Attachments");
    }

    @Test
    void detailsAreTextNotMarkdownOrHtml() {
        ReferralRecord referral = with(ReferralResourcesTest.referral("valid-routine-dermatology.json", "AWAITING_TRIAGE"),
                "Jo *Bold* <img src=x onerror=alert(1)>\n# Heading", List.of(
                        new ReferralRecord.Attachment("[link](http://example.org)", "text/plain", null, null)));

        String details = ReferralVariables.details(referral, TODAY);

        assertThat(details).contains("- **Name:** Jo \\*Bold\\* \\<img src=x onerror=alert(1)\\> \\# Heading\n")
                .contains("- \\[link\\](http://example.org) (text/plain)\n");
    }

    @Test
    void manyAttachmentsAreCountedBeyondWhatAVariableHolds() {
        List<ReferralRecord.Attachment> many = Collections.nCopies(200,
                new ReferralRecord.Attachment("Letter from the consultant about an earlier admission", "application/pdf",
                        "https://example.org/DocumentReference/1", null));
        ReferralRecord referral = with(ReferralResourcesTest.referral("valid-routine-dermatology.json", "AWAITING_TRIAGE"),
                "Jo Bloggs", many);

        String details = ReferralVariables.details(referral, TODAY);

        assertThat(details.length()).isLessThan(4_000);
        assertThat(details).containsPattern("- and \\d+ more: read the referral over FHIR\n$");
    }

    private static ReferralRecord with(ReferralRecord r, String patientName, List<ReferralRecord.Attachment> attachments) {
        return new ReferralRecord(r.id(), r.ubrn(), r.nhsNumber(), patientName, r.patientBirthDate(), r.patientMobile(),
                r.patientAddress(), r.practiceOds(), r.referrerName(), r.specialtyCode(), r.specialtyDisplay(),
                r.gpPriority(), r.priority(), r.reason(), r.clinicalInformation(), attachments, r.state(), null, null,
                null, null, null, 1, Instant.EPOCH, Instant.EPOCH, r.originalResource());
    }
}
