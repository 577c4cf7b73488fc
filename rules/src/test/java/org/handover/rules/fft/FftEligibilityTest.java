package org.handover.rules.fft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftEligibilityTest {

    static FftEligibility eligibility;

    @BeforeAll
    static void create() {
        eligibility = FftEligibility.create(FftPolicy.defaults());
    }

    static FftCandidate adult() {
        return new FftCandidate("E1", "INPATIENT", 40, false, List.of("22298006"), "+447700900123", false, null);
    }

    static FftCandidate with(Integer age, boolean died, List<String> codes, String mobile, boolean optedOut,
            Integer daysSince, String setting) {
        return new FftCandidate("E1", setting, age, died, codes, mobile, optedOut, daysSince);
    }

    @Test
    void anAdultWithAMobileIsAsked() {
        EligibilityDecision d = eligibility.decide(adult());
        assertThat(d.ask()).isTrue();
        assertThat(d.reason()).isNull();
        assertThat(d.skips()).isEmpty();
        assertThat(d.rulesFired()).containsExactly("AskByText");
    }

    @Test
    void sixteenIsOldEnoughFifteenIsNot() {
        assertThat(eligibility.decide(with(16, false, List.of(), "+447700900123", false, null, "INPATIENT")).ask())
                .isTrue();
        EligibilityDecision fifteen = eligibility.decide(with(15, false, List.of(), "+447700900123", false, null,
                "INPATIENT"));
        assertThat(fifteen.ask()).isFalse();
        assertThat(fifteen.reason()).isEqualTo(SkipReason.UNDER_16);
        assertThat(fifteen.explanation()).isEqualTo("The patient was under 16 (aged 15)");
        assertThat(fifteen.rulesFired()).containsExactly("UnderSixteen");
    }

    @Test
    void ageIsWorkedOutOnTheDayOfTheEncounter() {
        assertThat(FftCandidate.ageOn(LocalDate.of(2010, 11, 22), LocalDate.of(2026, 11, 21))).isEqualTo(15);
        assertThat(FftCandidate.ageOn(LocalDate.of(2010, 11, 22), LocalDate.of(2026, 11, 22))).isEqualTo(16);
        assertThat(FftCandidate.ageOn(null, LocalDate.of(2026, 11, 22))).isNull();
    }

    @Test
    void unknownAgeIsNotAsked() {
        EligibilityDecision d = eligibility.decide(with(null, false, List.of(), "+447700900123", false, null, "OUTPATIENT"));
        assertThat(d.reason()).isEqualTo(SkipReason.AGE_UNKNOWN);
        assertThat(d.rulesFired()).containsExactly("AgeUnknown");
    }

    @Test
    void aPatientWhoDiedIsNotAsked() {
        EligibilityDecision d = eligibility.decide(with(80, true, List.of(), "+447700900123", false, null, "INPATIENT"));
        assertThat(d.ask()).isFalse();
        assertThat(d.reason()).isEqualTo(SkipReason.DIED);
        assertThat(d.rulesFired()).containsExactly("PatientDied");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17369002", "16607004", "237364002", "276506001", "O03.9", "O039", "o03", "O02.1",
            "O36.4", "Z37.1", "Z37.3", "Z37.4", "Z37.6", "Z37.7", "P95"})
    void bereavedParentsAreNotAsked(String code) {
        EligibilityDecision d = eligibility.decide(with(30, false, List.of("386661006", code), "+447700900123", false,
                null, "MATERNITY"));
        assertThat(d.ask()).isFalse();
        assertThat(d.reason()).isEqualTo(SkipReason.BEREAVED_PARENT);
        assertThat(d.explanation()).endsWith("(code " + code + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Z37.0", "Z37.2", "O80", "169826009", "1736900", "173690021", "O02.0"})
    void otherMaternityCodesAreAsked(String code) {
        assertThat(eligibility.decide(with(30, false, List.of(code), "+447700900123", false, null, "MATERNITY")).ask())
                .as(code).isTrue();
    }

    @Test
    void anOptedOutNumberIsNotAsked() {
        EligibilityDecision d = eligibility.decide(with(30, false, List.of(), "+447700900123", true, null, "INPATIENT"));
        assertThat(d.reason()).isEqualTo(SkipReason.OPTED_OUT);
        assertThat(d.rulesFired()).containsExactly("NumberOptedOut");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+441214960000", "+447000123456", "+447612345678", "+4477009001", "+33612345678",
            "07700 90012", "not a number"})
    void numbersThatAreNotUkMobilesAreNotAsked(String mobile) {
        EligibilityDecision d = eligibility.decide(with(30, false, List.of(), mobile, false, null, "INPATIENT"));
        assertThat(d.reason()).as(mobile).isEqualTo(SkipReason.NO_UK_MOBILE);
    }

    @Test
    void noMobileAtAllIsNotAsked() {
        EligibilityDecision d = eligibility.decide(with(30, false, List.of(), null, false, null, "INPATIENT"));
        assertThat(d.explanation()).isEqualTo("No valid UK mobile number (none given)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+447700900123", "07700 900123", "0044 7911 123456", "+447624123456", "447812345678", "07123-456-789"})
    void ukMobilesAreAsked(String mobile) {
        assertThat(eligibility.decide(with(30, false, List.of(), mobile, false, null, "INPATIENT")).ask()).as(mobile)
                .isTrue();
    }

    @Test
    void askedWithinThirtyDaysIsNotAskedAgain() {
        EligibilityDecision recent = eligibility.decide(with(30, false, List.of(), "+447700900123", false, 29,
                "INPATIENT"));
        assertThat(recent.reason()).isEqualTo(SkipReason.ASKED_RECENTLY);
        assertThat(recent.explanation()).contains("29 day(s) ago, fewer than 30");
        assertThat(eligibility.decide(with(30, false, List.of(), "+447700900123", false, 30, "INPATIENT")).ask())
                .isTrue();
    }

    @Test
    void theIntervalIsConfigurable() {
        FftEligibility weekly = FftEligibility.create(new FftPolicy(16, 7, Set.of("INPATIENT"),
                FftPolicy.DEFAULT_BEREAVEMENT_CODES));
        assertThat(weekly.decide(with(30, false, List.of(), "+447700900123", false, 8, "INPATIENT")).ask()).isTrue();
        assertThat(weekly.decide(with(30, false, List.of(), "+447700900123", false, 6, "INPATIENT")).ask()).isFalse();
    }

    @Test
    void aSettingNotEnabledForTextsIsNotAsked() {
        FftEligibility inpatientsOnly = FftEligibility.create(new FftPolicy(16, 30, Set.of("inpatient"),
                FftPolicy.DEFAULT_BEREAVEMENT_CODES));
        EligibilityDecision d = inpatientsOnly.decide(with(30, false, List.of(), "+447700900123", false, null,
                "EMERGENCY_DEPARTMENT"));
        assertThat(d.reason()).isEqualTo(SkipReason.SETTING_NOT_ENABLED);
        assertThat(d.explanation()).contains("EMERGENCY_DEPARTMENT");
        assertThat(inpatientsOnly.decide(adult()).ask()).isTrue();
    }

    @Test
    void everyReasonIsRecordedAndTheMostSensitiveIsCounted() {
        EligibilityDecision d = eligibility.decide(with(12, true, List.of("237364002"), null, true, 3, "NOWHERE"));
        assertThat(d.ask()).isFalse();
        assertThat(d.reason()).isEqualTo(SkipReason.DIED);
        assertThat(d.skips()).extracting(Skip::reason).containsExactly(SkipReason.DIED, SkipReason.BEREAVED_PARENT,
                SkipReason.UNDER_16, SkipReason.OPTED_OUT, SkipReason.NO_UK_MOBILE, SkipReason.ASKED_RECENTLY,
                SkipReason.SETTING_NOT_ENABLED);
        assertThat(d.rulesFired()).doesNotContain("AskByText").hasSize(7);
    }

    @Test
    void manyCandidatesInOneInstanceAreDecidedAsEachWouldBeAlone() {
        List<FftCandidate> candidates = List.of(
                new FftCandidate("A", "INPATIENT", 40, false, List.of(), "+447700900001", false, null),
                new FftCandidate("B", "INPATIENT", 15, true, List.of(), "+447700900002", true, 3),
                new FftCandidate("C", "MATERNITY", 30, false, List.of("237364002"), "+447700900003", false, null),
                new FftCandidate("D", "INPATIENT", 50, false, List.of(), "01234 567890", false, 40),
                new FftCandidate("E", "INPATIENT", 50, false, List.of(), "+447700900005", false, 40),
                new FftCandidate("F", "INPATIENT", null, false, List.of(), "+447700900005", false, null));
        List<EligibilityDecision> together = eligibility.decideAll(candidates);
        assertThat(together).hasSize(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            EligibilityDecision alone = eligibility.decide(candidates.get(i));
            assertThat(together.get(i).ask()).as(candidates.get(i).encounterId()).isEqualTo(alone.ask());
            assertThat(together.get(i).reason()).isEqualTo(alone.reason());
            assertThat(together.get(i).explanation()).isEqualTo(alone.explanation());
            assertThat(together.get(i).rulesFired()).containsExactlyInAnyOrderElementsOf(alone.rulesFired());
        }
        assertThat(together.stream().filter(EligibilityDecision::ask).count()).isEqualTo(2);
        assertThat(eligibility.decideAll(List.of())).isEmpty();
    }
}
