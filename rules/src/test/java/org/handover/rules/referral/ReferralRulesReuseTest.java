package org.handover.rules.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.rules.referral.ReferralPriority.ROUTINE;
import static org.handover.rules.referral.ReferralPriority.TWO_WEEK_WAIT;
import static org.handover.rules.referral.ReferralPriority.URGENT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule unit instance is used again for the next referral: nothing of one referral (its route, priority, deadline,
 * red flags found, rules fired) may reach the next, and a changed table must be used at once.
 */
class ReferralRulesReuseTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);
    private static final List<ReferralFacts> MIXED = List.of(
            new ReferralFacts("000000080001", "COLORECTAL", "Rectal bleeding for three weeks.", 68, ROUTINE, DAY),
            new ReferralFacts("000000080002", "DERMATOLOGY", "Eczema on both hands.", 30, ROUTINE, DAY),
            new ReferralFacts("000000080003", "SURGERY_GENERAL", "Hernia.", 9, URGENT, DAY),
            new ReferralFacts("000000080004", "COLORECTAL", "Change in bowel habit.", 55, TWO_WEEK_WAIT, DAY),
            new ReferralFacts("000000080005", "NEUROLOGY", "Headache.", 40, ROUTINE, DAY));

    @Test
    void oneInstanceDecidesEachReferralAsAFreshOneWould() {
        ReferralRules shared = rules();
        List<RoutingDecision> fresh = new ArrayList<>();
        for (ReferralFacts facts : MIXED) {
            fresh.add(rules().decide(facts, RoutingEntry.defaults(), RedFlag.defaults()));
        }

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < MIXED.size(); i++) {
                assertThat(shared.decide(MIXED.get(i), RoutingEntry.defaults(), RedFlag.defaults()))
                        .as("referral %d in round %d", i, round).isEqualTo(fresh.get(i));
            }
        }
    }

    @Test
    void aChangedTableIsUsedAtOnceAndTheOldOneAgainWhenItComesBack() {
        ReferralRules shared = rules();
        ReferralFacts eczema = MIXED.get(1);
        RoutingDecision before = shared.decide(eczema, RoutingEntry.defaults(), RedFlag.defaults());
        List<RoutingEntry> changed = List.of(new RoutingEntry("skin", "DERMATOLOGY", List.of(), null, null,
                "triage-skin", "lead-skin", 0, "Skin team"));

        RoutingDecision after = shared.decide(eczema, changed, RedFlag.defaults());

        assertThat(before.triageGroup()).isNotEqualTo("triage-skin");
        assertThat(after.triageGroup()).isEqualTo("triage-skin");
        assertThat(shared.decide(eczema, RoutingEntry.defaults(), RedFlag.defaults())).isEqualTo(before);
    }

    private static ReferralRules rules() {
        return ReferralRules.create(WorkingDays.england(), DeadlinePolicy.defaults(), "referral-coordinators");
    }
}
