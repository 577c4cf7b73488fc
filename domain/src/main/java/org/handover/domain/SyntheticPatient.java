package org.handover.domain;

import java.time.LocalDate;

/** A made-up patient for tests, simulators and benchmarks; never a real person. */
public record SyntheticPatient(
        NhsNumber nhsNumber,
        String givenName,
        String familyName,
        LocalDate birthDate,
        String sex,
        String addressLine,
        String town,
        String postcode,
        String mobile,
        String gpPracticeOds,
        String councilCode) {

    public int ageOn(LocalDate day) {
        return java.time.Period.between(birthDate, day).getYears();
    }
}
