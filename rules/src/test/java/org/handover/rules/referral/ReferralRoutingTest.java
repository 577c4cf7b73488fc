package org.handover.rules.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.handover.rules.referral.Fixtures.FALLBACK;
import static org.handover.rules.referral.Fixtures.RULES;
import static org.handover.rules.referral.Fixtures.entry;
import static org.handover.rules.referral.Fixtures.plain;
import static org.handover.rules.referral.Fixtures.routine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which team triages: specialty, keywords, age band, most specific first, rank, fallback. */
class ReferralRoutingTest {

    private static final List<String> SKIN_CANCER = List.of("mole", "melanoma", "skin lesion");

    /** Every level of specificity for one specialty, plus cardiology. */
    private static final List<RoutingEntry> TABLE = List.of(
            plain("derm", "DERMATOLOGY", "triage-dermatology", 10),
            entry("derm-children", "DERMATOLOGY", List.of(), null, 15, "triage-paediatrics",
                    "Paediatric dermatology team"),
            entry("derm-skin-cancer", "DERMATOLOGY", SKIN_CANCER, null, null, "triage-skin-cancer",
                    "Skin cancer team"),
            entry("derm-children-moles", "DERMATOLOGY", List.of("mole"), null, 15, "triage-paediatric-moles",
                    "Paediatric moles clinic"),
            plain("cardio", "CARDIOLOGY", "triage-cardiology", 10));

    @Test
    void routesBySpecialty() {
        RoutingDecision decision = RULES.decide(routine("CARDIOLOGY", "Palpitations for a month.", 52), TABLE,
                List.of());

        assertThat(decision.triageGroup()).isEqualTo("triage-cardiology");
        assertThat(decision.serviceLeadGroup()).isEqualTo("lead-cardio");
        assertThat(decision.routingEntryId()).isEqualTo("cardio");
        assertThat(decision.rulesFired()).containsExactly("RouteBySpecialty", "KeepGpPriority",
                "RoutineTriageDeadline");
    }

    @Test
    void specialtyCodesCompareWithoutCase() {
        List<RoutingEntry> table = List.of(plain("cardio", "Cardiology", "triage-cardiology", 10));

        assertThat(RULES.decide(routine("cardiology", "", 52), table, List.of()).routingEntryId())
                .isEqualTo("cardio");
    }

    @Test
    void routesByKeyword() {
        RoutingDecision decision = RULES.decide(routine("DERMATOLOGY", "New MOLE on the back, itchy.", 40), TABLE,
                List.of());

        assertThat(decision.triageGroup()).isEqualTo("triage-skin-cancer");
        assertThat(decision.routingEntryId()).isEqualTo("derm-skin-cancer");
        assertThat(decision.rulesFired()).startsWith("RouteByKeyword");
    }

    @ParameterizedTest(name = "\"{0}\" mentions a keyword: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            New mole on the back                   | true
            MOLE, left arm.                        | true
            moles                                  | false
            awaiting molecular testing             | false
            guacamole allergy                      | false
            skin\\nlesion on the nose              | true
            skin-lesion on the nose                | true
            skin lesions                           | false
            ?melanoma                              | true
            """)
    void keywordsMatchWholeWordsIgnoringCaseAndPunctuation(String text, boolean matches) {
        RoutingDecision decision = RULES.decide(routine("DERMATOLOGY", text.replace("\\n", "\n"), 40), TABLE,
                List.of());

        assertThat(decision.routingEntryId()).isEqualTo(matches ? "derm-skin-cancer" : "derm");
    }

    @ParameterizedTest(name = "age {0} -> {1}")
    @CsvSource({
            "0,  derm-children,  triage-paediatrics",
            "9,  derm-children,  triage-paediatrics",
            "15, derm-children,  triage-paediatrics",
            "16, derm,           triage-dermatology",
            "70, derm,           triage-dermatology"})
    void childrenUnder16GoToPaediatricsAdultsToTheSpecialty(int age, String entryId, String group) {
        RoutingDecision decision = RULES.decide(routine("DERMATOLOGY", "Eczema not settling.", age), TABLE,
                List.of());

        assertThat(decision.routingEntryId()).isEqualTo(entryId);
        assertThat(decision.triageGroup()).isEqualTo(group);
    }

    @Test
    void ageBandsWithALowerBoundOrBothBounds() {
        List<RoutingEntry> table = List.of(
                entry("adult", "GERIATRICS", List.of(), 18, 64, "triage-adult", null),
                entry("older", "GERIATRICS", List.of(), 65, null, "triage-older", null));

        assertThat(RULES.decide(routine("GERIATRICS", "", 17), table, List.of()).triageGroup()).isEqualTo(FALLBACK);
        assertThat(RULES.decide(routine("GERIATRICS", "", 18), table, List.of()).triageGroup())
                .isEqualTo("triage-adult");
        assertThat(RULES.decide(routine("GERIATRICS", "", 64), table, List.of()).triageGroup())
                .isEqualTo("triage-adult");
        assertThat(RULES.decide(routine("GERIATRICS", "", 65), table, List.of()).triageGroup())
                .isEqualTo("triage-older");
    }

    @ParameterizedTest(name = "age {1}, \"{0}\" -> {2} by {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # text                  | age | entry                | rule
            changing mole           | 9   | derm-children-moles  | RouteByKeywordAndAge
            changing mole           | 30  | derm-skin-cancer     | RouteByKeyword
            ?melanoma               | 9   | derm-skin-cancer     | RouteByKeyword
            eczema                  | 9   | derm-children        | RouteByAgeBand
            eczema                  | 30  | derm                 | RouteBySpecialty
            """)
    void mostSpecificEntryWins(String text, int age, String entryId, String rule) {
        RoutingDecision decision = RULES.decide(routine("DERMATOLOGY", text, age), TABLE, List.of());

        assertThat(decision.routingEntryId()).isEqualTo(entryId);
        assertThat(decision.rulesFired()).containsExactly(rule, "KeepGpPriority", "RoutineTriageDeadline");
    }

    @Test
    void mostSpecificWinsWhateverTheOrderOfTheTable() {
        List<RoutingEntry> reversed = new ArrayList<>(TABLE);
        Collections.reverse(reversed);

        assertThat(RULES.decide(routine("DERMATOLOGY", "changing mole", 9), reversed, List.of()).routingEntryId())
                .isEqualTo("derm-children-moles");
        assertThat(RULES.decide(routine("DERMATOLOGY", "eczema", 30), reversed, List.of()).routingEntryId())
                .isEqualTo("derm");
    }

    @Test
    void lowestRankWinsAmongEquallySpecificEntries() {
        RoutingEntry rank10 = plain("cardio-a", "CARDIOLOGY", "triage-a", 10);
        RoutingEntry rank20 = plain("cardio-b", "CARDIOLOGY", "triage-b", 20);
        RoutingEntry rank5 = plain("cardio-b", "CARDIOLOGY", "triage-b", 5);

        assertThat(RULES.decide(routine("CARDIOLOGY", "", 50), List.of(rank10, rank20), List.of()).triageGroup())
                .isEqualTo("triage-a");
        assertThat(RULES.decide(routine("CARDIOLOGY", "", 50), List.of(rank20, rank10), List.of()).triageGroup())
                .isEqualTo("triage-a");
        assertThat(RULES.decide(routine("CARDIOLOGY", "", 50), List.of(rank10, rank5), List.of()).triageGroup())
                .isEqualTo("triage-b");
    }

    @Test
    void rankOnlyBreaksTiesItDoesNotBeatSpecificity() {
        RoutingEntry plainRank1 = plain("cardio", "CARDIOLOGY", "triage-cardiology", 1);
        RoutingEntry keywordRank99 = new RoutingEntry("cardio-heart-failure", "CARDIOLOGY", List.of("heart failure"),
                null, null, "triage-heart-failure", "lead-heart-failure", 99, null);

        assertThat(RULES.decide(routine("CARDIOLOGY", "Suspected heart failure.", 80),
                List.of(plainRank1, keywordRank99), List.of()).triageGroup()).isEqualTo("triage-heart-failure");
    }

    @Test
    void equalRanksFallBackToTheLowerId() {
        RoutingEntry b = plain("cardio-b", "CARDIOLOGY", "triage-b", 10);
        RoutingEntry a = plain("cardio-a", "CARDIOLOGY", "triage-a", 10);

        assertThat(RULES.decide(routine("CARDIOLOGY", "", 50), List.of(b, a), List.of()).routingEntryId())
                .isEqualTo("cardio-a");
    }

    @Test
    void unknownSpecialtyGoesToTheFallbackGroup() {
        RoutingDecision decision = RULES.decide(routine("UROLOGY", "Recurrent UTIs.", 63), TABLE, List.of());

        assertThat(decision.triageGroup()).isEqualTo(FALLBACK);
        assertThat(decision.serviceLeadGroup()).isEqualTo(FALLBACK);
        assertThat(decision.routingEntryId()).isNull();
        assertThat(decision.rulesFired()).containsExactly("RouteToFallbackGroup", "KeepGpPriority",
                "RoutineTriageDeadline");
        assertThat(decision.reason()).isEqualTo("referral-coordinators (no routing entry matches specialty UROLOGY "
                + "at age 63): routine as referred by the GP; triage due Mon 30 Nov 2026 (5 working days)");
    }

    @Test
    void specialtyWhoseEntriesAllNeedSomethingElseGoesToTheFallbackGroup() {
        List<RoutingEntry> onlyKeywords = List.of(
                entry("derm-skin-cancer", "DERMATOLOGY", SKIN_CANCER, null, null, "triage-skin-cancer", null));

        RoutingDecision decision = RULES.decide(routine("DERMATOLOGY", "Psoriasis.", 30), onlyKeywords, List.of());

        assertThat(decision.triageGroup()).isEqualTo(FALLBACK);
        assertThat(decision.rulesFired()).startsWith("RouteToFallbackGroup");
    }

    @Test
    void emptyTableSendsEverythingToTheFallbackGroup() {
        assertThat(RULES.decide(routine("CARDIOLOGY", "", 50), List.of(), List.of()).triageGroup())
                .isEqualTo(FALLBACK);
    }

    @Test
    void fallbackGroupIsTheOneGivenAtCreation() {
        ReferralRules rules = ReferralRules.create(WorkingDays.england(), DeadlinePolicy.defaults(), "booking-hub");

        assertThat(rules.decide(routine("CARDIOLOGY", "", 50), List.of(), List.of()).triageGroup())
                .isEqualTo("booking-hub");
    }

    @Test
    void reasonNamesTheTeamAndWhatDecidedIt() {
        assertThat(RULES.decide(routine("DERMATOLOGY", "Changing mole.", 9), TABLE, List.of()).reason())
                .isEqualTo("Paediatric moles clinic (mentions 'mole'; age 9, under 16): routine as referred by the "
                        + "GP; triage due Mon 30 Nov 2026 (5 working days)");
        assertThat(RULES.decide(routine("DERMATOLOGY", "?melanoma", 40), TABLE, List.of()).reason())
                .startsWith("Skin cancer team (mentions 'melanoma'): ");
        assertThat(RULES.decide(routine("DERMATOLOGY", "eczema", 12), TABLE, List.of()).reason())
                .startsWith("Paediatric dermatology team (age 12, under 16): ");
        // No description: the triage group names the team.
        assertThat(RULES.decide(routine("CARDIOLOGY", "", 50), TABLE, List.of()).reason())
                .startsWith("triage-cardiology: ");
    }

    @Test
    void suggestedTableRoutesChildrenToPaediatricsAndBowelSymptomsToColorectal() {
        List<RoutingEntry> table = RoutingEntry.defaults();

        assertThat(RULES.decide(routine("SURGERY_GENERAL", "Rectal bleeding for 6 weeks.", 67), table, List.of())
                .routingEntryId()).isEqualTo("general-surgery-bowel");
        assertThat(RULES.decide(routine("SURGERY_GENERAL", "Rectal bleeding for 6 weeks.", 12), table, List.of())
                .routingEntryId()).isEqualTo("general-surgery-children");
        assertThat(RULES.decide(routine("SURGERY_GENERAL", "Inguinal hernia.", 45), table, List.of())
                .triageGroup()).isEqualTo("triage-general-surgery");
        assertThat(RULES.decide(routine("DERMATOLOGY", "Acne.", 14), table, List.of())
                .triageGroup()).isEqualTo("triage-paediatrics");
        assertThat(RULES.decide(routine("CARDIOLOGY", "Murmur.", 3), table, List.of())
                .serviceLeadGroup()).isEqualTo("lead-paediatrics");
        assertThat(RULES.decide(routine("2WW", "Skin lesion, ?melanoma.", 58), table, List.of())
                .triageGroup()).isEqualTo("triage-dermatology");
        assertThat(RULES.decide(routine("2WW", "Rectal bleeding and a skin lesion.", 58), table, List.of())
                .triageGroup()).isEqualTo("triage-colorectal");
        assertThat(RULES.decide(routine("NEUROLOGY", "Headaches.", 30), table, List.of())
                .triageGroup()).isEqualTo(FALLBACK);
    }

    @Test
    void rejectsATableWithTwoEntriesOfTheSameId() {
        List<RoutingEntry> table = List.of(plain("cardio", "CARDIOLOGY", "triage-a", 10),
                plain("cardio", "CARDIOLOGY", "triage-b", 20));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> RULES.decide(routine("CARDIOLOGY", "", 50), table, List.of()))
                .withMessageContaining("cardio");
    }

    @Test
    void rejectsEntriesThatCouldNeverMatchOrWouldMatchEverything() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingEntry("x", "CARDIOLOGY", List.of(), 16, 15,
                "triage-x", "lead-x", 10, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingEntry("x", "CARDIOLOGY", List.of(" - "),
                null, null, "triage-x", "lead-x", 10, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingEntry("x", " ", List.of(), null, null,
                "triage-x", "lead-x", 10, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new RoutingEntry("x", "CARDIOLOGY", List.of(), null,
                null, "", "lead-x", 10, null));
    }
}
