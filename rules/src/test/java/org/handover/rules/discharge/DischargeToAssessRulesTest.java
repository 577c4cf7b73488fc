package org.handover.rules.discharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.handover.rules.discharge.Mobility.BED_BOUND;
import static org.handover.rules.discharge.Mobility.INDEPENDENT;
import static org.handover.rules.discharge.Mobility.WITH_AID;
import static org.handover.rules.discharge.Mobility.WITH_HELP_OF_ONE;
import static org.handover.rules.discharge.Mobility.WITH_HELP_OF_TWO;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Pathway, council and Continuing Healthcare choice, through the rule unit compiled at build time. */
class DischargeToAssessRulesTest {

    static final DischargeToAssessRules RULES = DischargeToAssessRules.create();
    static final List<CouncilArea> TABLE = List.of(new CouncilArea("SK", "LA-STOCKPORT"),
            new CouncilArea("WR", "LA-WORCESTERSHIRE"), new CouncilArea("DY", "LA-WORCESTERSHIRE"),
            new CouncilArea("LS", "LA-LEEDS"), new CouncilArea("DY14", "LA-SHROPSHIRE"));

    /** Every fact recorded as "no", mobility independent: the one way to pathway 0. */
    static DischargeAssessment allNo() {
        return new DischargeAssessment(false, false, false, INDEPENDENT, false, false, true, "SK7 1AB", null);
    }

    static DischargeDecision decide(DischargeAssessment facts) {
        return RULES.decide(facts, TABLE);
    }

    @Test
    void pathwayZeroWhenEveryFactIsRecordedAsNo() {
        DischargeDecision d = decide(allNo());

        assertThat(d.pathway()).isEqualTo(Pathway.PATHWAY_0);
        assertThat(d.reason()).isEqualTo("Pathway 0 (home with no new support): no new support needed, mobility independent");
        assertThat(d.rulesFired()).containsExactlyInAnyOrder("HomeWithoutNewSupport", "CouncilByPostcodeArea");
        assertThat(d.possibleChcNeed()).isFalse();
    }

    @Test
    void pathwayZeroWithAnUnchangedCarePackageSaysItRestarts() {
        DischargeDecision d = decide(new DischargeAssessment(false, true, true, WITH_AID, false, false, true, "SK7 1AB", null));

        assertThat(d.pathway()).isEqualTo(Pathway.PATHWAY_0);
        assertThat(d.reason()).contains("restarts unchanged");
    }

    @Test
    void pathwayOneForSupportAtHome() {
        DischargeDecision d = decide(new DischargeAssessment(true, true, true, WITH_HELP_OF_ONE, false, false, true,
                "SK7 1AB", null));

        assertThat(d.pathway()).isEqualTo(Pathway.PATHWAY_1);
        assertThat(d.reason()).isEqualTo("Pathway 1 (home with new support): needs support at home, lived alone, "
                + "care package before admission to restart and review");
        assertThat(d.rulesFired()).containsExactly("NewSupportAtHome", "CouncilByPostcodeArea");
    }

    @Test
    void pathwayTwoForBedBasedRehabilitationEvenWhenOtherFactsAreUnknown() {
        DischargeDecision d = decide(new DischargeAssessment(null, null, null, null, true, false, true, "LS6 2AB", null));

        assertThat(d.pathway()).isEqualTo(Pathway.PATHWAY_2);
        assertThat(d.rulesFired()).contains("BedBasedRehabilitation");
        assertThat(d.councilCode()).isEqualTo("LA-LEEDS");
    }

    @Test
    void pathwayThreeWinsOverEveryOtherPositiveFact() {
        DischargeDecision d = decide(new DischargeAssessment(true, true, true, WITH_AID, true, true, true, "WR1 1AA", null));

        assertThat(d.pathway()).isEqualTo(Pathway.PATHWAY_3);
        assertThat(d.rulesFired()).containsExactly("NewCareHomePlacement", "CouncilByPostcodeArea");
        assertThat(d.possibleChcNeed()).isFalse();
    }

    @Test
    void bedBasedRehabilitationWinsOverSupportAtHome() {
        assertThat(decide(new DischargeAssessment(true, false, false, WITH_AID, true, false, true, "SK1 1AA", null))
                .pathway()).isEqualTo(Pathway.PATHWAY_2);
    }

    @Test
    void unknownFactsNeverGivePathwayZero() {
        DischargeDecision d = decide(new DischargeAssessment(null, null, null, null, null, null, null, "SK7 1AB", null));

        assertThat(d.needsReview()).isTrue();
        assertThat(d.pathway()).isNull();
        assertThat(d.reason()).startsWith("Needs review by a discharge coordinator: not recorded: new care-home "
                + "placement, bed-based rehabilitation, support needed at home, mobility, lived alone, care package "
                + "before admission");
        assertThat(d.rulesFired()).containsExactly("CouncilByPostcodeArea", "PathwayFactsMissing",
                "CarerInvolvementNotRecorded");
    }

    /** One unknown fact among "no"s is enough to stop pathway 0. */
    @ParameterizedTest
    @CsvSource({"0,new care-home placement", "1,bed-based rehabilitation", "2,support needed at home", "3,mobility",
            "4,lived alone", "5,care package before admission"})
    void eachSingleUnknownFactStopsPathwayZero(int unknown, String named) {
        DischargeAssessment f = allNo();
        DischargeAssessment facts = new DischargeAssessment(unknown == 2 ? null : f.needsSupportAtHome(),
                unknown == 4 ? null : f.livedAlone(), unknown == 5 ? null : f.carePackageBeforeAdmission(),
                unknown == 3 ? null : f.mobility(), unknown == 1 ? null : f.needsBedBasedRehabilitation(),
                unknown == 0 ? null : f.newCareHomePlacement(), true, f.postcode(), null);

        DischargeDecision d = decide(facts);

        assertThat(d.needsReview()).isTrue();
        assertThat(d.reason()).isEqualTo("Needs review by a discharge coordinator: not recorded: " + named
                + " (unknown facts never count as pathway 0)");
    }

    @ParameterizedTest
    @EnumSource(value = Mobility.class, names = {"WITH_HELP_OF_ONE", "WITH_HELP_OF_TWO", "BED_BOUND"})
    void noSupportButNeedsAnotherPersonToMoveIsReviewed(Mobility mobility) {
        DischargeDecision d = decide(new DischargeAssessment(false, false, false, mobility, false, false, true,
                "SK7 1AB", null));

        assertThat(d.needsReview()).isTrue();
        assertThat(d.reason()).contains("support at home recorded as not needed, but mobility is " + mobility.label());
        assertThat(d.rulesFired()).contains("MobilityContradictsNoSupport");
    }

    @ParameterizedTest
    @EnumSource(value = Mobility.class, names = {"INDEPENDENT", "WITH_AID"})
    void mobilityWithoutHelpStaysPathwayZero(Mobility mobility) {
        assertThat(decide(new DischargeAssessment(false, true, false, mobility, false, false, null, "SK7 1AB", null))
                .pathway()).isEqualTo(Pathway.PATHWAY_0);
    }

    @Test
    void carersNotInvolvedIsNamedForPathwaysOneToThree() {
        assertThat(decide(new DischargeAssessment(true, false, false, WITH_AID, false, false, false, "SK7 1AB", null))
                .reason()).endsWith("; carers and family are not yet involved: involve them before discharge");
        assertThat(decide(new DischargeAssessment(true, false, false, WITH_AID, false, false, null, "SK7 1AB", null))
                .reason()).endsWith("; carer involvement not recorded: check with carers and family before discharge");
        assertThat(decide(new DischargeAssessment(true, false, false, WITH_AID, false, false, true, "SK7 1AB", null))
                .rulesFired()).doesNotContain("CarerInvolvementNotRecorded");
    }

    @Test
    void possibleContinuingCareNeedForANewCareHomeWithHighNeeds() {
        for (Mobility mobility : List.of(WITH_HELP_OF_TWO, BED_BOUND)) {
            DischargeDecision d = decide(new DischargeAssessment(true, true, false, mobility, false, true, true,
                    "SK7 1AB", null));
            assertThat(d.possibleChcNeed()).as(mobility.name()).isTrue();
            assertThat(d.chcReason()).startsWith("Pathway 3 (new care-home placement) with mobility " + mobility.label());
            assertThat(d.rulesFired()).contains("PossibleChcNeedNewCareHomeHighNeeds");
        }
        assertThat(decide(new DischargeAssessment(true, true, false, WITH_HELP_OF_ONE, false, true, true, "SK7 1AB", null))
                .possibleChcNeed()).isFalse();
    }

    @Test
    void possibleContinuingCareNeedWhenBedBoundOnPathwayOneOrTwo() {
        assertThat(decide(new DischargeAssessment(true, false, false, BED_BOUND, false, false, true, "SK7 1AB", null))
                .chcReason()).startsWith("Bed-bound on Pathway 1");
        assertThat(decide(new DischargeAssessment(null, false, false, BED_BOUND, true, false, true, "SK7 1AB", null))
                .chcReason()).startsWith("Bed-bound on Pathway 2");
        assertThat(decide(new DischargeAssessment(true, false, false, WITH_HELP_OF_TWO, false, false, true, "SK7 1AB", null))
                .possibleChcNeed()).isFalse();
    }

    @Test
    void aConfirmedPathwayOverridesTheRulesAndIsScreenedForContinuingCare() {
        DischargeAssessment facts = new DischargeAssessment(true, false, false, WITH_HELP_OF_TWO, false, false, true,
                "SK7 1AB", null);
        assertThat(decide(facts).pathway()).isEqualTo(Pathway.PATHWAY_1);

        DischargeDecision confirmed = decide(facts.withConfirmedPathway(Pathway.PATHWAY_3));

        assertThat(confirmed.pathway()).isEqualTo(Pathway.PATHWAY_3);
        assertThat(confirmed.rulesFired()).startsWith("CoordinatorConfirmedPathway");
        assertThat(confirmed.possibleChcNeed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SK7 1AB   | LA-STOCKPORT      | CouncilByPostcodeArea",
            "sk71ab    | LA-STOCKPORT      | CouncilByPostcodeArea",
            "WR1 2AB   | LA-WORCESTERSHIRE | CouncilByPostcodeArea",
            "DY10 1AA  | LA-WORCESTERSHIRE | CouncilByPostcodeArea",
            "DY14 8AA  | LA-SHROPSHIRE     | CouncilByPostcodeDistrict",
            "LS17 9ZZ  | LA-LEEDS          | CouncilByPostcodeArea"})
    void councilFromThePostcodeTheMostSpecificRowWins(String postcode, String council, String rule) {
        DischargeDecision d = decide(new DischargeAssessment(null, null, null, null, null, null, null, postcode, null));

        assertThat(d.councilCode()).isEqualTo(council);
        assertThat(d.rulesFired()).contains(rule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "M14 5AA  | no council is set up for postcode district M14",
            "S1 1AA   | no council is set up for postcode district S1",
            "SKX 1AB  | the postcode is missing or not a UK postcode",
            "         | the postcode is missing or not a UK postcode"})
    void unknownCouncilAsksAPersonToPickIt(String postcode, String why) {
        DischargeDecision d = decide(new DischargeAssessment(true, null, null, null, null, null, null, postcode, null));

        assertThat(d.councilKnown()).isFalse();
        assertThat(d.councilReason()).isEqualTo("Council unknown: " + why + "; pick the council");
        assertThat(d.rulesFired()).contains("CouncilUnknown");
    }

    @Test
    void rejectsABrokenTable() {
        assertThatIllegalArgumentException().isThrownBy(() -> RULES.decide(allNo(),
                List.of(new CouncilArea("SK", "A"), new CouncilArea("sk", "B"))));
        assertThatIllegalArgumentException().isThrownBy(() -> new CouncilArea("SK 7", "A"));
        assertThatIllegalArgumentException().isThrownBy(() -> Pathway.of(4));
    }
}
