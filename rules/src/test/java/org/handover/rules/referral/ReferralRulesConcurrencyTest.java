package org.handover.rules.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.handover.rules.referral.ReferralPriority.ROUTINE;
import static org.handover.rules.referral.ReferralPriority.TWO_WEEK_WAIT;
import static org.handover.rules.referral.ReferralPriority.URGENT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class ReferralRulesConcurrencyTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 23);
    private static final List<ReferralFacts> REFERRALS = List.of(
            new ReferralFacts("000000070001", "SURGERY_GENERAL", "Rectal bleeding.", 70, ROUTINE, DAY),
            new ReferralFacts("000000070002", "SURGERY_GENERAL", "Rectal bleeding.", 10, URGENT, DAY),
            new ReferralFacts("000000070003", "DERMATOLOGY", "Eczema.", 30, ROUTINE, DAY),
            new ReferralFacts("000000070004", "CARDIOLOGY", "Palpitations.", 4, URGENT, DAY),
            new ReferralFacts("000000070005", "NEUROLOGY", "Headache.", 40, TWO_WEEK_WAIT, DAY),
            new ReferralFacts("000000070006", "2WW", "Haemoptysis, unexplained weight loss.", 66, TWO_WEEK_WAIT,
                    DAY));

    @Test
    void oneSharedInstanceGivesTheSameAnswersFromManyThreads() throws Exception {
        ReferralRules rules = ReferralRules.create(WorkingDays.england(), DeadlinePolicy.defaults(),
                "referral-coordinators");
        List<RoutingEntry> table = RoutingEntry.defaults();
        List<RedFlag> redFlags = RedFlag.defaults();
        List<RoutingDecision> expected = REFERRALS.stream().map(facts -> rules.decide(facts, table, redFlags))
                .toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> workers = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                workers.add(() -> {
                    for (int round = 0; round < 100; round++) {
                        for (int i = 0; i < REFERRALS.size(); i++) {
                            if (!rules.decide(REFERRALS.get(i), table, redFlags).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(workers)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
