package org.handover.rules.chc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.rules.chc.ChecklistDomain.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every Checklist threshold and its boundaries, the rule that decides, and the domain counts. */
class ChecklistRulesTest {

    private static final ChecklistRules RULES = ChecklistRules.create();
    /** Domains without a priority level, in an order the tests fill with A first, then B. */
    private static final List<ChecklistDomain> ORDINARY = Arrays.stream(ChecklistDomain.values())
            .filter(d -> !d.priorityDomain()).toList();

    @ParameterizedTest(name = "{0} A + {1} B outside priority domains -> positive {2} by {3}")
    @CsvSource({
            "0, 0, false, BelowChecklistThresholds",
            "0, 4, false, BelowChecklistThresholds",
            "0, 5, true, FiveOrMoreB",
            "0, 7, true, FiveOrMoreB",
            "1, 0, false, BelowChecklistThresholds",
            "1, 3, false, BelowChecklistThresholds",
            "1, 4, true, OneAAndFourOrMoreB",
            "1, 5, true, OneAAndFourOrMoreB",
            "1, 6, true, OneAAndFourOrMoreB",
            "2, 0, true, TwoOrMoreA",
            "2, 5, true, TwoOrMoreA",
            "3, 1, true, TwoOrMoreA",
            "7, 0, true, TwoOrMoreA"})
    void thresholds(int a, int b, boolean positive, String rule) {
        ChecklistResult result = RULES.decide(ordinary(a, b));

        assertThat(result.positive()).isEqualTo(positive);
        assertThat(result.decidingRule()).isEqualTo(rule);
        assertThat(result.rulesFired()).containsExactly(rule);
        assertThat(result.aCount()).isEqualTo(a);
        assertThat(result.bCount()).isEqualTo(b);
        assertThat(result.cCount()).isEqualTo(11 - a - b);
        assertThat(result.aInPriorityDomains()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = ChecklistDomain.class, names = {"BREATHING", "BEHAVIOUR", "DRUG_THERAPIES_AND_MEDICATION",
            "ALTERED_STATES_OF_CONSCIOUSNESS"})
    void aSingleAInAPriorityDomainIsPositiveOnItsOwn(ChecklistDomain domain) {
        Map<ChecklistDomain, ChecklistLevel> levels = allC();
        levels.put(domain, ChecklistLevel.A);

        ChecklistResult result = RULES.decide(ratings(levels));

        assertThat(result.positive()).isTrue();
        assertThat(result.decidingRule()).isEqualTo("AInPriorityDomain");
        assertThat(result.countsText()).isEqualTo("1 A, 0 B, 10 C");
        assertThat(result.aInPriorityDomains()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = ChecklistDomain.class, names = {"NUTRITION", "CONTINENCE", "SKIN_INTEGRITY", "MOBILITY",
            "COMMUNICATION", "PSYCHOLOGICAL_AND_EMOTIONAL", "COGNITION"})
    void aSingleAElsewhereIsNegative(ChecklistDomain domain) {
        Map<ChecklistDomain, ChecklistLevel> levels = allC();
        levels.put(domain, ChecklistLevel.A);

        ChecklistResult result = RULES.decide(ratings(levels));

        assertThat(result.positive()).isFalse();
        assertThat(result.reason()).contains("1 A, 0 B, 10 C").contains("below every threshold");
    }

    @Test
    void theFourPriorityDomainsAreTheDstOnesWithAPriorityLevel() {
        assertThat(Arrays.stream(ChecklistDomain.values()).filter(ChecklistDomain::priorityDomain).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(DstDomain.values())
                        .filter(d -> d.allows(DstLevel.PRIORITY)).map(Enum::name).toList());
        assertThat(ChecklistDomain.values()).hasSize(11);
    }

    @Test
    void aPriorityAWinsOverTheOtherThresholdsSoTheStrongestReasonIsStored() {
        Map<ChecklistDomain, ChecklistLevel> levels = allC();
        levels.put(BREATHING, ChecklistLevel.A);
        levels.put(NUTRITION, ChecklistLevel.A);
        levels.put(MOBILITY, ChecklistLevel.B);

        ChecklistResult result = RULES.decide(ratings(levels));

        assertThat(result.decidingRule()).isEqualTo("AInPriorityDomain");
        assertThat(result.countsText()).isEqualTo("2 A, 1 B, 8 C");
        assertThat(result.reason()).contains("breathing, behaviour");
    }

    @Test
    void aMissingDomainIsRefusedByName() {
        List<ChecklistRating> ratings = new ArrayList<>(ordinary(0, 0));
        ratings.removeIf(r -> r.domain() == COGNITION);
        assertThatThrownBy(() -> RULES.decide(ratings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The Checklist has no rating for Cognition: rate all eleven domains A, B or C");
    }

    @Test
    void aDomainRatedTwiceIsRefused() {
        List<ChecklistRating> ratings = new ArrayList<>(ordinary(0, 0));
        ratings.add(new ChecklistRating(MOBILITY, ChecklistLevel.A, "hoist"));
        assertThatThrownBy(() -> RULES.decide(ratings)).hasMessageContaining("rates Mobility more than once");
    }

    /** a A then b B in the ordinary domains (at most 7 in all), everything else C. */
    private static List<ChecklistRating> ordinary(int a, int b) {
        Map<ChecklistDomain, ChecklistLevel> levels = allC();
        int i = 0;
        for (; i < a; i++) {
            levels.put(ORDINARY.get(i), ChecklistLevel.A);
        }
        for (int j = 0; j < b; j++, i++) {
            levels.put(ORDINARY.get(i), ChecklistLevel.B);
        }
        return ratings(levels);
    }

    static Map<ChecklistDomain, ChecklistLevel> allC() {
        Map<ChecklistDomain, ChecklistLevel> levels = new EnumMap<>(ChecklistDomain.class);
        for (ChecklistDomain domain : ChecklistDomain.values()) {
            levels.put(domain, ChecklistLevel.C);
        }
        return levels;
    }

    static List<ChecklistRating> ratings(Map<ChecklistDomain, ChecklistLevel> levels) {
        return levels.entrySet().stream()
                .map(e -> new ChecklistRating(e.getKey(), e.getValue(), "evidence for " + e.getKey().title())).toList();
    }
}
