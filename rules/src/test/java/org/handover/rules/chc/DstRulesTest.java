package org.handover.rules.chc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.handover.rules.chc.DstDomain.*;
import static org.handover.rules.chc.DstLevel.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.handover.rules.chc.DstRecommendation.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every DST outcome and its boundaries, and the levels each domain allows. */
class DstRulesTest {

    private static final DstRules RULES = DstRules.create();

    @ParameterizedTest(name = "{0} -> {1} by {2}")
    @CsvSource(delimiter = ';', value = {
            "BEHAVIOUR=PRIORITY; ELIGIBLE; OnePriorityNeed",
            "ALTERED_STATES_OF_CONSCIOUSNESS=PRIORITY; ELIGIBLE; OnePriorityNeed",
            "BREATHING=PRIORITY,MOBILITY=SEVERE,NUTRITION=SEVERE; ELIGIBLE; OnePriorityNeed",
            "MOBILITY=SEVERE,COGNITION=SEVERE; ELIGIBLE; TwoOrMoreSevere",
            "MOBILITY=SEVERE,COGNITION=SEVERE,NUTRITION=SEVERE,CONTINENCE=HIGH; ELIGIBLE; TwoOrMoreSevere",
            "MOBILITY=SEVERE,CONTINENCE=MODERATE; PANEL_JUDGEMENT; SevereWithNeedsElsewhere",
            "SKIN_INTEGRITY=SEVERE,COMMUNICATION=HIGH,CONTINENCE=HIGH; PANEL_JUDGEMENT; SevereWithNeedsElsewhere",
            "CONTINENCE=HIGH,COMMUNICATION=HIGH; PANEL_JUDGEMENT; SeveralHighNeeds",
            "CONTINENCE=HIGH,COMMUNICATION=HIGH,MOBILITY=HIGH,NUTRITION=MODERATE; PANEL_JUDGEMENT; SeveralHighNeeds",
            "MOBILITY=SEVERE; NOT_ELIGIBLE; NoIndicatorOfPrimaryHealthNeed",
            "MOBILITY=SEVERE,CONTINENCE=LOW,COMMUNICATION=LOW; NOT_ELIGIBLE; NoIndicatorOfPrimaryHealthNeed",
            "CONTINENCE=HIGH,COMMUNICATION=MODERATE,MOBILITY=MODERATE; NOT_ELIGIBLE; NoIndicatorOfPrimaryHealthNeed",
            "NONE; NOT_ELIGIBLE; NoIndicatorOfPrimaryHealthNeed"})
    void recommendations(String levels, Outcome outcome, String rule) {
        DstRecommendation recommendation = RULES.recommend(ratings(levels));

        assertThat(recommendation.outcome()).isEqualTo(outcome);
        assertThat(recommendation.decidingRule()).isEqualTo(rule);
        assertThat(recommendation.rulesFired()).containsExactly(rule);
        assertThat(recommendation.reason()).isNotBlank();
    }

    @Test
    void countsAndReasonsSayWhy() {
        DstRecommendation severe = RULES.recommend(ratings("MOBILITY=SEVERE,CONTINENCE=HIGH,NUTRITION=MODERATE,SKIN_INTEGRITY=LOW"));
        assertThat(severe.countsText()).isEqualTo("0 priority, 1 severe, 1 high, 1 moderate, 1 low, 8 no needs");
        assertThat(severe.reason()).startsWith("One domain at severe level with needs at moderate or above in 2 other")
                .contains("nature, intensity, complexity and unpredictability");

        DstRecommendation none = RULES.recommend(ratings("CONTINENCE=HIGH"));
        assertThat(none.reason()).isEqualTo("No priority need, 0 severe and 1 high: the needs recorded do not indicate"
                + " a primary health need");
    }

    @Test
    void theNationalToolsLevelsPerDomain() {
        EnumSet<DstDomain> severe = EnumSet.of(BREATHING, NUTRITION, SKIN_INTEGRITY, MOBILITY, COGNITION, BEHAVIOUR,
                DRUG_THERAPIES_AND_MEDICATION, OTHER_SIGNIFICANT_CARE_NEEDS);
        EnumSet<DstDomain> priority = EnumSet.of(BREATHING, BEHAVIOUR, DRUG_THERAPIES_AND_MEDICATION,
                ALTERED_STATES_OF_CONSCIOUSNESS);
        assertThat(DstDomain.values()).hasSize(12);
        for (DstDomain domain : DstDomain.values()) {
            assertThat(domain.allowedLevels()).as(domain.title()).contains(NONE, LOW, HIGH);
            assertThat(domain.allows(MODERATE)).as(domain.title() + " moderate")
                    .isEqualTo(domain != ALTERED_STATES_OF_CONSCIOUSNESS);
            assertThat(domain.allows(SEVERE)).as(domain.title() + " severe").isEqualTo(severe.contains(domain));
            assertThat(domain.allows(PRIORITY)).as(domain.title() + " priority").isEqualTo(priority.contains(domain));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DstDomain.class, names = {"CONTINENCE", "COMMUNICATION", "PSYCHOLOGICAL_AND_EMOTIONAL",
            "ALTERED_STATES_OF_CONSCIOUSNESS"})
    void severeIsRefusedWhereTheToolHasNoSevere(DstDomain domain) {
        assertThatThrownBy(() -> new DstRating(domain, SEVERE, "x")).isInstanceOf(IllegalDstLevelException.class)
                .hasMessageStartingWith(domain.title() + " cannot be rated severe in the Decision Support Tool");
    }

    @ParameterizedTest
    @EnumSource(value = DstDomain.class, names = {"NUTRITION", "CONTINENCE", "SKIN_INTEGRITY", "MOBILITY",
            "COMMUNICATION", "PSYCHOLOGICAL_AND_EMOTIONAL", "COGNITION", "OTHER_SIGNIFICANT_CARE_NEEDS"})
    void priorityIsRefusedWhereTheToolHasNoPriority(DstDomain domain) {
        assertThatThrownBy(() -> new DstRating(domain, PRIORITY, "x")).isInstanceOf(IllegalDstLevelException.class)
                .hasMessageContaining("cannot be rated priority");
    }

    @Test
    void theErrorListsTheLevelsTheDomainHas() {
        assertThatThrownBy(() -> new DstRating(CONTINENCE, SEVERE, "x")).hasMessage("Continence cannot be rated "
                + "severe in the Decision Support Tool: its levels are no needs, low, moderate, high");
        assertThatThrownBy(() -> new DstRating(ALTERED_STATES_OF_CONSCIOUSNESS, SEVERE, "x")).hasMessage(
                "Altered states of consciousness cannot be rated severe in the Decision Support Tool: its levels are "
                        + "no needs, low, high, priority");
        assertThatThrownBy(() -> new DstRating(ALTERED_STATES_OF_CONSCIOUSNESS, MODERATE, "x")).hasMessage(
                "Altered states of consciousness cannot be rated moderate in the Decision Support Tool: its levels "
                        + "are no needs, low, high, priority");
    }

    @Test
    void everyDomainMustBeRatedOnce() {
        List<DstRating> missing = new ArrayList<>(ratings("NONE"));
        missing.removeIf(r -> r.domain() == BREATHING);
        assertThatThrownBy(() -> RULES.recommend(missing)).hasMessage("The DST has no level for Breathing: rate all "
                + "twelve domains");
        List<DstRating> twice = new ArrayList<>(ratings("NONE"));
        twice.add(new DstRating(BREATHING, LOW, ""));
        assertThatThrownBy(() -> RULES.recommend(twice)).hasMessageContaining("rates Breathing more than once");
    }

    /** "MOBILITY=SEVERE,CONTINENCE=HIGH": those levels, every other domain no needs; "NONE": all no needs. */
    static List<DstRating> ratings(String levels) {
        Map<DstDomain, DstLevel> map = new EnumMap<>(DstDomain.class);
        for (DstDomain domain : DstDomain.values()) {
            map.put(domain, NONE);
        }
        if (!levels.equals("NONE")) {
            for (String pair : levels.split(",")) {
                String[] parts = pair.split("=");
                map.put(DstDomain.valueOf(parts[0].strip()), DstLevel.valueOf(parts[1].strip()));
            }
        }
        return map.entrySet().stream().map(e -> new DstRating(e.getKey(), e.getValue(), "seen on the ward")).toList();
    }
}
