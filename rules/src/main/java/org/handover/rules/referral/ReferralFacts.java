package org.handover.rules.referral;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the routing rules need to know about one e-Referral waiting for triage.
 *
 * @param ubrn             the 12-digit Unique Booking Reference Number
 * @param specialtyCode    the e-RS specialty the GP chose, e.g. "DERMATOLOGY"; stored in upper case
 * @param clinicalText     the referral letter and clinical information as text (may be empty, never null)
 * @param patientAgeYears  age in whole years on the referral date
 * @param gpPriority       the priority the GP gave; the rules never lower it
 * @param referralDate     the day the referral arrived; triage deadlines count working days from it
 */
public record ReferralFacts(String ubrn, String specialtyCode, String clinicalText, int patientAgeYears,
        ReferralPriority gpPriority, LocalDate referralDate) {

    public ReferralFacts {
        Objects.requireNonNull(ubrn, "ubrn");
        if (!ubrn.matches("[0-9]{12}")) {
            // Not echoed: a malformed value may be something else pasted into the field.
            throw new IllegalArgumentException("ubrn must be 12 digits");
        }
        specialtyCode = Phrases.specialtyCode("specialtyCode", specialtyCode);
        clinicalText = clinicalText == null ? "" : clinicalText;
        if (patientAgeYears < 0 || patientAgeYears > 150) {
            throw new IllegalArgumentException("patientAgeYears must be between 0 and 150, was " + patientAgeYears);
        }
        Objects.requireNonNull(gpPriority, "gpPriority");
        Objects.requireNonNull(referralDate, "referralDate");
    }

    /** Leaves out the clinical text, which must not reach a log. */
    @Override
    public String toString() {
        return "ReferralFacts[ubrn=" + ubrn + ", specialtyCode=" + specialtyCode + ", clinicalText=("
                + clinicalText.length() + " characters), patientAgeYears=" + patientAgeYears + ", gpPriority="
                + gpPriority + ", referralDate=" + referralDate + "]";
    }
}
