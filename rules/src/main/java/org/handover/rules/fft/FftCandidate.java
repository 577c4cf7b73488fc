package org.handover.rules.fft;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * What the eligibility rules know about one ended encounter. The caller looks up what is not in the encounter
 * event: whether the number opted out and when the patient was last asked.
 *
 * @param ageYears            age on the day the encounter ended, null when the date of birth is unknown
 * @param daysSinceLastAsked  whole days since the patient was last sent the question, null if never
 */
public record FftCandidate(String encounterId, String setting, Integer ageYears, boolean died,
        List<String> clinicalCodes, String mobile, boolean optedOut, Integer daysSinceLastAsked) {

    public FftCandidate {
        clinicalCodes = clinicalCodes == null ? List.of() : List.copyOf(clinicalCodes);
    }

    public static Integer ageOn(LocalDate birthDate, LocalDate day) {
        return birthDate == null || day == null ? null : Period.between(birthDate, day).getYears();
    }

    public boolean hasUkMobile() {
        return UkMobile.isValid(mobile);
    }

    @Override
    public String toString() {
        return "FftCandidate[encounter " + encounterId + ", " + setting + "]";
    }
}
