package org.handover.rules.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.rules.referral.Fixtures.RULES;
import static org.handover.rules.referral.Fixtures.plain;
import static org.handover.rules.referral.Fixtures.referral;
import static org.handover.rules.referral.ReferralPriority.ROUTINE;
import static org.handover.rules.referral.ReferralPriority.TWO_WEEK_WAIT;
import static org.handover.rules.referral.ReferralPriority.URGENT;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Red flags raise the priority to two-week-wait; nothing lowers the GP's priority; deadlines follow priority. */
class ReferralPriorityTest {

    private static final List<RoutingEntry> TABLE = List.of(
            new RoutingEntry("colorectal", "COLORECTAL", List.of(), null, null, "triage-colorectal",
                    "lead-colorectal", 10, "Colorectal team"),
            plain("resp", "RESPIRATORY", "triage-respiratory", 10),
            plain("cardio", "CARDIOLOGY", "triage-cardiology", 10));
    private static final List<RedFlag> RED_FLAGS = RedFlag.defaults();

    @Test
    void redFlagRaisesRoutineToTwoWeekWait() {
        RoutingDecision decision = RULES.decide(referral("COLORECTAL",
                "68-year-old with rectal bleeding for 3 weeks.", 68, ROUTINE), TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(decision.triageGroup()).isEqualTo("triage-colorectal");
        assertThat(decision.triageDueDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "SuspectedCancerRedFlag",
                "RaiseToTwoWeekWaitForRedFlag", "TwoWeekWaitTriageDeadline");
        assertThat(decision.reason()).isEqualTo("Colorectal team: 'rectal bleeding' is a suspected-cancer red flag, "
                + "raised from routine to two-week-wait; triage due Tue 24 Nov 2026 (1 working day)");
    }

    @Test
    void redFlagRaisesUrgentToTwoWeekWait() {
        RoutingDecision decision = RULES.decide(referral("RESPIRATORY", "Haemoptysis x2 this week.", 59, URGENT),
                TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "SuspectedCancerRedFlag",
                "RaiseToTwoWeekWaitForRedFlag", "TwoWeekWaitTriageDeadline");
        assertThat(decision.reason()).isEqualTo("triage-respiratory: 'haemoptysis' is a suspected-cancer red flag, "
                + "raised from urgent to two-week-wait; triage due Tue 24 Nov 2026 (1 working day)");
    }

    @Test
    void gpTwoWeekWaitWithoutRedFlagStaysTwoWeekWait() {
        RoutingDecision decision = RULES.decide(referral("COLORECTAL", "Worried, family history.", 55,
                TWO_WEEK_WAIT), TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(decision.triageDueDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "KeepGpPriority",
                "TwoWeekWaitTriageDeadline");
        assertThat(decision.reason()).isEqualTo("Colorectal team: two-week-wait as referred by the GP; "
                + "triage due Tue 24 Nov 2026 (1 working day)");
    }

    @Test
    void gpUrgentWithoutRedFlagStaysUrgent() {
        RoutingDecision decision = RULES.decide(referral("CARDIOLOGY", "Exertional chest pain.", 61, URGENT),
                TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(URGENT);
        assertThat(decision.triageDueDate()).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "KeepGpPriority",
                "UrgentTriageDeadline");
        assertThat(decision.reason()).isEqualTo("triage-cardiology: urgent as referred by the GP; "
                + "triage due Wed 25 Nov 2026 (2 working days)");
    }

    @Test
    void routineWithoutRedFlagStaysRoutine() {
        RoutingDecision decision = RULES.decide(referral("COLORECTAL", "Bleeding gums; rectal exam normal.", 40,
                ROUTINE), TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(ROUTINE);
        assertThat(decision.triageDueDate()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "KeepGpPriority",
                "RoutineTriageDeadline");
    }

    @Test
    void gpTwoWeekWaitWithRedFlagIsConfirmed() {
        RoutingDecision decision = RULES.decide(referral("COLORECTAL", "Change in bowel habit.", 70,
                TWO_WEEK_WAIT), TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "SuspectedCancerRedFlag",
                "RedFlagConfirmsTwoWeekWait", "TwoWeekWaitTriageDeadline");
        assertThat(decision.reason()).isEqualTo("Colorectal team: 'change in bowel habit' is a suspected-cancer red "
                + "flag; two-week-wait as referred by the GP; triage due Tue 24 Nov 2026 (1 working day)");
    }

    @Test
    void everyRedFlagFoundIsNamed() {
        RoutingDecision decision = RULES.decide(referral("RESPIRATORY",
                "Unexplained weight loss of 6 kg and haemoptysis. Ex-smoker.", 66, ROUTINE), TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "SuspectedCancerRedFlag",
                "SuspectedCancerRedFlag", "RaiseToTwoWeekWaitForRedFlag", "TwoWeekWaitTriageDeadline");
        assertThat(decision.reason()).isEqualTo("triage-respiratory: 'haemoptysis' and 'unexplained weight loss' are "
                + "suspected-cancer red flags, raised from routine to two-week-wait; triage due Tue 24 Nov 2026 "
                + "(1 working day)");
    }

    @Test
    void redFlagForOneSpecialtyOnlyCountsThere() {
        List<RedFlag> flags = List.of(new RedFlag("rf-bowel", "colorectal", "change in bowel habit", ""));

        assertThat(RULES.decide(referral("COLORECTAL", "Change in bowel habit.", 70, ROUTINE), TABLE, flags)
                .priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(RULES.decide(referral("CARDIOLOGY", "Change in bowel habit.", 70, ROUTINE), TABLE, flags)
                .priority()).isEqualTo(ROUTINE);
    }

    @Test
    void aPhraseListedTwiceIsNamedOnce() {
        List<RedFlag> flags = List.of(new RedFlag("rf-bleeding", null, "rectal bleeding", ""),
                new RedFlag("rf-colorectal-bleeding", "COLORECTAL", "Rectal Bleeding", ""));

        RoutingDecision decision = RULES.decide(referral("COLORECTAL", "Rectal bleeding.", 70, ROUTINE), TABLE, flags);

        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "SuspectedCancerRedFlag",
                "SuspectedCancerRedFlag", "RaiseToTwoWeekWaitForRedFlag", "TwoWeekWaitTriageDeadline");
        assertThat(decision.reason()).startsWith("Colorectal team: 'rectal bleeding' is a suspected-cancer red flag, "
                + "raised from routine to two-week-wait;");
    }

    @Test
    void redFlagForAnySpecialtyCountsEverywhere() {
        List<RedFlag> flags = List.of(new RedFlag("rf-weight", null, "unexplained weight loss", ""));

        assertThat(RULES.decide(referral("CARDIOLOGY", "Breathless; unexplained weight loss.", 70, ROUTINE),
                TABLE, flags).priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(RULES.decide(referral("UNKNOWN_SPECIALTY", "Unexplained weight loss.", 70, ROUTINE),
                TABLE, flags).priority()).isEqualTo(TWO_WEEK_WAIT);
    }

    @Test
    void noRedFlagsGivenMeansNoneFound() {
        assertThat(RULES.decide(referral("COLORECTAL", "Rectal bleeding.", 70, ROUTINE), TABLE, List.of())
                .priority()).isEqualTo(ROUTINE);
    }

    static Stream<Arguments> defaultRedFlags() {
        return RedFlag.defaults().stream().map(flag -> Arguments.of(flag.id(), flag.phrase()));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("defaultRedFlags")
    void everyDefaultRedFlagRaisesARoutineReferral(String id, String phrase) {
        String text = "Seen today. " + phrase.toUpperCase() + " noted; please assess.";

        RoutingDecision decision = RULES.decide(referral("CARDIOLOGY", text, 60, ROUTINE), TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(TWO_WEEK_WAIT);
        assertThat(decision.reason()).contains("'" + phrase + "'");
    }

    @Test
    void defaultRedFlagsHaveUniqueIdsAndApplyToAnySpecialty() {
        assertThat(RED_FLAGS).extracting(RedFlag::id).doesNotHaveDuplicates();
        assertThat(RED_FLAGS).allSatisfy(flag -> assertThat(flag.specialtyCode()).isNull());
        assertThat(RED_FLAGS).extracting(RedFlag::phrase).contains("rectal bleeding", "change in bowel habit",
                "breast lump", "haemoptysis", "unexplained weight loss", "post-menopausal bleeding", "dysphagia",
                "haematuria");
    }

    @ParameterizedTest(name = "\"{0}\" is not a red flag")
    @CsvSource(delimiter = '|', textBlock = """
            Bleeding gums after brushing.
            Rectal exam normal; some bleeding from a cut finger.
            Weight loss, intentional, on a diet.
            Breast tenderness, no lump.
            """)
    void textWithoutARedFlagPhraseStaysAsReferred(String text) {
        assertThat(RULES.decide(referral("CARDIOLOGY", text, 50, ROUTINE), TABLE, RED_FLAGS).priority())
                .isEqualTo(ROUTINE);
    }

    @Test
    void negationIsNotUnderstoodSoAMentionStillRaises() {
        // Deliberate: erring towards two-week-wait; the consultant may lower it when triaging.
        assertThat(RULES.decide(referral("COLORECTAL", "No rectal bleeding.", 50, ROUTINE), TABLE, RED_FLAGS)
                .priority()).isEqualTo(TWO_WEEK_WAIT);
    }

    static Stream<Arguments> everyPriorityWithAndWithoutARedFlag() {
        return Stream.of(ReferralPriority.values()).flatMap(gp -> Stream.of(
                Arguments.of(gp, "Dysphagia to solids.", TWO_WEEK_WAIT),
                Arguments.of(gp, "Reflux.", gp)));
    }

    @ParameterizedTest(name = "GP {0}, \"{1}\" -> {2}")
    @MethodSource("everyPriorityWithAndWithoutARedFlag")
    void neverLowersTheGpPriority(ReferralPriority gp, String text, ReferralPriority expected) {
        RoutingDecision decision = RULES.decide(referral("COLORECTAL", text, 60, gp), TABLE, RED_FLAGS);

        assertThat(decision.priority()).isEqualTo(expected);
        assertThat(decision.priority()).isGreaterThanOrEqualTo(gp);
    }

    @ParameterizedTest(name = "{0} -> {1} working days, due {2}")
    @CsvSource({
            "TWO_WEEK_WAIT, 1, 2026-11-24, TwoWeekWaitTriageDeadline",
            "URGENT,        2, 2026-11-25, UrgentTriageDeadline",
            "ROUTINE,       5, 2026-11-30, RoutineTriageDeadline"})
    void deadlineFollowsThePriorityByDefault(ReferralPriority priority, int days, LocalDate due, String rule) {
        RoutingDecision decision = RULES.decide(referral("CARDIOLOGY", "", 50, priority), TABLE, List.of());

        assertThat(decision.triageDueDate()).isEqualTo(due);
        assertThat(decision.rulesFired()).last().isEqualTo(rule);
        assertThat(decision.reason()).endsWith("(" + days + " working day" + (days == 1 ? "" : "s") + ")");
    }

    @ParameterizedTest(name = "{0} -> due {1}")
    @CsvSource({
            "TWO_WEEK_WAIT, 2026-11-26",
            "URGENT,        2026-12-02",
            "ROUTINE,       2026-12-07"})
    void deadlinesComeFromThePolicyGivenAtCreation(ReferralPriority priority, LocalDate due) {
        ReferralRules rules = ReferralRules.create(WorkingDays.england(), new DeadlinePolicy(3, 7, 10),
                "referral-coordinators");

        assertThat(rules.decide(referral("CARDIOLOGY", "", 50, priority), TABLE, List.of()).triageDueDate())
                .isEqualTo(due);
    }

    @Test
    void deadlineSkipsBankHolidays() {
        ReferralFacts christmasEve = new ReferralFacts("000000070001", "COLORECTAL", "Rectal bleeding.", 70,
                ROUTINE, LocalDate.of(2026, 12, 24));
        ReferralFacts beforeEaster = new ReferralFacts("000000070002", "CARDIOLOGY", "", 70, URGENT,
                LocalDate.of(2026, 4, 2));

        RoutingDecision christmas = RULES.decide(christmasEve, TABLE, RED_FLAGS);
        RoutingDecision easter = RULES.decide(beforeEaster, TABLE, RED_FLAGS);

        assertThat(christmas.triageDueDate()).isEqualTo(LocalDate.of(2026, 12, 29));
        assertThat(christmas.reason()).endsWith("triage due Tue 29 Dec 2026 (1 working day)");
        assertThat(easter.triageDueDate()).isEqualTo(LocalDate.of(2026, 4, 8));
        assertThat(easter.reason()).endsWith("triage due Wed 8 Apr 2026 (2 working days)");
    }

    @Test
    void deadlineUsesTheCalendarGivenAtCreation() {
        ReferralRules rules = ReferralRules.create(new WorkingDays(List.of(LocalDate.of(2026, 11, 24))),
                DeadlinePolicy.defaults(), "referral-coordinators");

        assertThat(rules.decide(referral("CARDIOLOGY", "", 50, TWO_WEEK_WAIT), TABLE, List.of()).triageDueDate())
                .isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @ParameterizedTest
    @EnumSource(ReferralPriority.class)
    void deadlinePolicyDefaults(ReferralPriority priority) {
        int expected = switch (priority) {
            case TWO_WEEK_WAIT -> 1;
            case URGENT -> 2;
            case ROUTINE -> 5;
        };
        assertThat(DeadlinePolicy.defaults().workingDaysFor(priority)).isEqualTo(expected);
    }

    @Test
    void prioritiesAreOrderedRoutineUrgentTwoWeekWait() {
        assertThat(ROUTINE).isLessThan(URGENT);
        assertThat(URGENT).isLessThan(TWO_WEEK_WAIT);
        assertThat(ReferralPriority.max(URGENT, ROUTINE)).isEqualTo(URGENT);
        assertThat(ReferralPriority.max(URGENT, TWO_WEEK_WAIT)).isEqualTo(TWO_WEEK_WAIT);
    }
}
