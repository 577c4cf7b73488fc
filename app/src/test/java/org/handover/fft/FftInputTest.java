package org.handover.fft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of posted encounters and the CSV cells, without Spring. */
class FftInputTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    static EncounterRequest valid() {
        return new EncounterRequest("OP-1", "999 000 0026", "1960-05-01", "07700 900123", "outpatient", "RX101",
                "Eye clinic", null, "2026-11-22T10:00:00Z", null, List.of("H25.9", "17369002"));
    }

    @Test
    void aValidRequestHasNoProblemsAndBecomesTheSharedEvent() {
        assertThat(valid().problems(CLOCK)).isEmpty();
        var event = valid().toEvent();
        assertThat(event.nhsNumber()).isEqualTo("9990000026");
        assertThat(event.setting().name()).isEqualTo("OUTPATIENT");
        assertThat(event.endedAt()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(event.diedInHospital()).isFalse();
    }

    @Test
    void everyProblemIsNamed() {
        EncounterRequest bad = new EncounterRequest(null, "9990000027", "2030-01-01", "phone me", "ward", "RX 1", "",
                "x".repeat(101), "2026-11-23T10:00:00Z", null, List.of("not a code!"));
        assertThat(bad.problems(CLOCK)).containsExactly(
                "encounterId is required: 1 to 128 letters, digits or . _ : / -",
                bad.problems(CLOCK).get(1),
                "birthDate 2030-01-01 is in the future",
                "mobile is not a phone number: use the form +447700900123 or 07700 900123, or leave it out",
                "setting is required: one of [INPATIENT, DAY_CASE, MATERNITY, EMERGENCY_DEPARTMENT, OUTPATIENT]",
                "siteCode is required: the ODS site code, 1 to 32 letters or digits, e.g. RX101",
                "ward is required: the ward or department name, at most 100 characters",
                "specialty is at most 100 characters",
                "endedAt 2026-11-23T10:00:00Z is in the future",
                "clinicalCodes: 'not a code!' is not a SNOMED CT or ICD-10 code (1 to 20 letters, digits or dots)");
        assertThat(bad.problems(CLOCK).get(1)).startsWith("nhsNumber: ");
    }

    @Test
    void anEncounterMoreThanThirtyDaysAgoIsTooLateToAskAbout() {
        EncounterRequest old = new EncounterRequest("OP-1", "9990000026", "1960-05-01", null, "INPATIENT", "RX101",
                "Ward 1", null, "2026-10-20T10:00:00Z", false, null);
        assertThat(old.problems(CLOCK)).containsExactly(
                "endedAt 2026-10-20T10:00:00Z is more than 30 days ago: too late to ask about this encounter");
    }

    @Test
    void anEventWithoutIdOrEndTimeIsRefused() {
        var good = valid().toEvent();
        assertThat(FftEncounterListener.problemWith(good)).isNull();
        var noId = new org.handover.encounter.EncounterEnded(" ", good.nhsNumber(), null, null, good.birthDate(),
                good.mobile(), null, null, good.setting(), good.siteCode(), good.ward(), null, good.endedAt(), false,
                null);
        assertThat(FftEncounterListener.problemWith(noId)).contains("without an encounter id");
        var noEnd = new org.handover.encounter.EncounterEnded("E1", good.nhsNumber(), null, null, good.birthDate(),
                good.mobile(), null, null, good.setting(), good.siteCode(), good.ward(), null, null, false, null);
        assertThat(FftEncounterListener.problemWith(noEnd)).contains("without endedAt");
    }

    @Test
    void csvCellsAreQuotedOnlyWhenNeededAndFormulasDefused() {
        assertThat(FftResultsController.row(List.of("2026-11", "Ward 1", "6 Don't know", "12")))
                .isEqualTo("2026-11,Ward 1,6 Don't know,12\r\n");
        assertThat(FftResultsController.row(List.of("A, \"East\"", "=HYPERLINK(\"x\")", "-1", "@ward")))
                .isEqualTo("\"A, \"\"East\"\"\",\"'=HYPERLINK(\"\"x\"\")\",-1,'@ward\r\n");
    }

    @Test
    void percentagesAreWholeNumbersOfAllResponses() {
        assertThat(FftResults.percent(3, 7)).isEqualTo(43);
        assertThat(FftResults.percent(2, 7)).isEqualTo(29);
        assertThat(FftResults.percent(1, 2)).isEqualTo(50);
        assertThat(FftResults.percent(0, 0)).isZero();
    }
}
