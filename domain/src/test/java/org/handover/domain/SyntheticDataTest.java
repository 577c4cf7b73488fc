package org.handover.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    @Test
    void everyPatientIsPlausibleAndInTheTestRange() {
        SyntheticData data = new SyntheticData(42);
        Set<NhsNumber> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            SyntheticPatient patient = data.patient();
            assertThat(patient.nhsNumber().isTestNumber()).isTrue();
            assertThat(NhsNumber.isValid(patient.nhsNumber().value())).isTrue();
            assertThat(patient.mobile()).matches("\\+447700900\\d{3}");
            assertThat(patient.postcode()).matches("[A-Z]{1,2}\\d{1,2} \\d[A-Z]{2}");
            assertThat(patient.ageOn(LocalDate.of(2026, 6, 1))).isBetween(0, 110);
            assertThat(SyntheticData.GP_PRACTICES).contains(patient.gpPracticeOds());
            assertThat(SyntheticData.COUNCILS).contains(patient.councilCode());
            seen.add(patient.nhsNumber());
        }
        assertThat(seen).hasSizeGreaterThan(1_900);
    }

    @Test
    void theSameSeedGivesTheSamePeople() {
        assertThat(new SyntheticData(7).patient()).isEqualTo(new SyntheticData(7).patient());
    }

    @Test
    void ubrnsHaveTwelveDigits() {
        assertThat(new SyntheticData(1).ubrn()).matches("\\d{12}");
    }
}
