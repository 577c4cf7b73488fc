package org.handover.rules.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Start-up, first-call and steady-state cost of the referral rules with the suggested routing table and the default
 * red flags. Only meaningful as the first test in a fresh JVM:
 * {@code mvn -pl rules test -Dtest=ReferralRulesTimingTest -Dhandover.timing=true}
 */
@EnabledIfSystemProperty(named = "handover.timing", matches = "true")
class ReferralRulesTimingTest {

    private static final Logger LOG = System.getLogger(ReferralRulesTimingTest.class.getName());
    private static final int ROUNDS = 10_000;
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final String LETTER = "Dear colleague, thank you for seeing this patient who has had %s for six "
            + "weeks. Past history of hypertension and type 2 diabetes, on metformin and ramipril. No allergies. "
            + "Examination today unremarkable apart from the above. Bloods attached. Many thanks.";

    private static final List<ReferralFacts> REFERRALS = List.of(
            new ReferralFacts("000000070001", "SURGERY_GENERAL", LETTER.formatted("rectal bleeding"), 70,
                    ReferralPriority.ROUTINE, DAY),
            new ReferralFacts("000000070002", "DERMATOLOGY", LETTER.formatted("an itchy rash"), 9,
                    ReferralPriority.ROUTINE, DAY),
            new ReferralFacts("000000070003", "CARDIOLOGY", LETTER.formatted("palpitations"), 55,
                    ReferralPriority.URGENT, DAY),
            new ReferralFacts("000000070004", "NEUROLOGY", LETTER.formatted("headaches"), 40,
                    ReferralPriority.ROUTINE, DAY));

    @Test
    void measure() {
        List<RoutingEntry> table = RoutingEntry.defaults();
        List<RedFlag> redFlags = RedFlag.defaults();
        long start = System.nanoTime();
        ReferralRules rules = ReferralRules.create(WorkingDays.england(), DeadlinePolicy.defaults(),
                "referral-coordinators");
        long created = System.nanoTime();
        RoutingDecision first = rules.decide(REFERRALS.get(0), table, redFlags);
        long firstDone = System.nanoTime();
        rules.decide(REFERRALS.get(1), table, redFlags);
        long secondDone = System.nanoTime();

        runRounds(rules, table, redFlags); // warm-up for the JIT
        long steadyStart = System.nanoTime();
        runRounds(rules, table, redFlags);
        long steadyNanos = System.nanoTime() - steadyStart;

        assertThat(first.priority()).isEqualTo(ReferralPriority.TWO_WEEK_WAIT);
        LOG.log(Level.INFO, String.format(
                "create() %.1f ms; first decide() %.1f ms; second decide() %.2f ms; steady decide() %.1f us"
                        + " (mean of %d, %d routing entries, %d red flags)",
                millis(created - start), millis(firstDone - created), millis(secondDone - firstDone),
                steadyNanos / 1000.0 / (ROUNDS * REFERRALS.size()), ROUNDS * REFERRALS.size(), table.size(),
                redFlags.size()));
    }

    private static void runRounds(ReferralRules rules, List<RoutingEntry> table, List<RedFlag> redFlags) {
        for (int round = 0; round < ROUNDS; round++) {
            for (ReferralFacts facts : REFERRALS) {
                rules.decide(facts, table, redFlags);
            }
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
