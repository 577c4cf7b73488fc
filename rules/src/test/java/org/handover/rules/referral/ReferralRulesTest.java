package org.handover.rules.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.handover.rules.referral.Fixtures.RULES;
import static org.handover.rules.referral.ReferralPriority.ROUTINE;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The facade: input checks, repeatability, nothing clinical in toString. */
class ReferralRulesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void readmeExample() {
        RoutingDecision d = RULES.decide(new ReferralFacts("000000070000", "COLORECTAL",
                "68M, rectal bleeding for 3 weeks", 68, ROUTINE, DAY), RoutingEntry.defaults(), RedFlag.defaults());

        assertThat(d).isEqualTo(new RoutingDecision("triage-colorectal", "lead-colorectal",
                ReferralPriority.TWO_WEEK_WAIT, LocalDate.of(2026, 11, 24),
                "Colorectal team: 'rectal bleeding' is a suspected-cancer red flag, raised from routine to "
                        + "two-week-wait; triage due Tue 24 Nov 2026 (1 working day)",
                List.of("RouteBySpecialty", "SuspectedCancerRedFlag", "RaiseToTwoWeekWaitForRedFlag",
                        "TwoWeekWaitTriageDeadline"),
                "colorectal"));
    }

    @Test
    void sameReferralGetsTheSameDecisionEveryTime() {
        ReferralFacts facts = new ReferralFacts("000000070000", "COLORECTAL", "Rectal bleeding.", 70, ROUTINE, DAY);

        assertThat(RULES.decide(facts, RoutingEntry.defaults(), RedFlag.defaults()))
                .isEqualTo(RULES.decide(facts, RoutingEntry.defaults(), RedFlag.defaults()));
    }

    @Test
    void rejectsMalformedReferrals() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReferralFacts("12345", "CARDIOLOGY", "", 50,
                ROUTINE, DAY));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReferralFacts("000000070000", " ", "", 50,
                ROUTINE, DAY));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReferralFacts("000000070000", "CARDIOLOGY", "",
                -1, ROUTINE, DAY));
        assertThatNullPointerException().isThrownBy(() -> new ReferralFacts("000000070000", "CARDIOLOGY", "", 50,
                null, DAY));
        assertThatNullPointerException().isThrownBy(() -> new ReferralFacts("000000070000", "CARDIOLOGY", "", 50,
                ROUTINE, null));
    }

    @Test
    void rejectsMissingArguments() {
        ReferralFacts facts = new ReferralFacts("000000070000", "CARDIOLOGY", "", 50, ROUTINE, DAY);

        assertThatNullPointerException().isThrownBy(() -> RULES.decide(null, List.of(), List.of()));
        assertThatNullPointerException().isThrownBy(() -> RULES.decide(facts, null, List.of()));
        assertThatNullPointerException().isThrownBy(() -> RULES.decide(facts, List.of(), null));
        assertThatIllegalArgumentException().isThrownBy(() -> ReferralRules.create(WorkingDays.england(),
                DeadlinePolicy.defaults(), " "));
        assertThatIllegalArgumentException().isThrownBy(() -> new DeadlinePolicy(1, -2, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new RedFlag("rf", null, "  ", ""));
    }

    @Test
    void missingClinicalTextIsEmpty() {
        ReferralFacts facts = new ReferralFacts("000000070000", "CARDIOLOGY", null, 50, ROUTINE, DAY);

        assertThat(facts.clinicalText()).isEmpty();
        assertThat(RULES.decide(facts, RoutingEntry.defaults(), RedFlag.defaults()).priority()).isEqualTo(ROUTINE);
    }

    @Test
    void clinicalTextStaysOutOfToString() {
        ReferralFacts facts = new ReferralFacts("000000070000", "COLORECTAL", "Rectal bleeding.", 70, ROUTINE, DAY);

        assertThat(facts.toString()).doesNotContain("bleeding").contains("16 characters");
        assertThat(Referral.of(facts).toString()).doesNotContain("bleeding");
    }

    @Test
    void suggestedTableHasUniqueIdsAndHyphenatedGroups() {
        List<RoutingEntry> table = RoutingEntry.defaults();

        assertThat(table).extracting(RoutingEntry::id).doesNotHaveDuplicates();
        assertThat(table).allSatisfy(entry -> {
            assertThat(entry.triageGroup()).matches("triage-[a-z0-9-]+");
            assertThat(entry.serviceLeadGroup()).matches("lead-[a-z0-9-]+");
        });
    }
}
