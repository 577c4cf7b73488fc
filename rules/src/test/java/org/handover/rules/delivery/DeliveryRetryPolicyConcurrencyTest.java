package org.handover.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class DeliveryRetryPolicyConcurrencyTest {

    private static final List<DeliveryFailure> FAILURES = List.of(
            new DeliveryFailure("gp", "HTTP_503", 2, 5),
            new DeliveryFailure("gp", "HTTP_404", 1, 5),
            new DeliveryFailure("social-care", "SMTP_421", 5, 5),
            new DeliveryFailure("social-care", "SMTP_550", 1, 5),
            new DeliveryFailure("sms", "SMPP_00000058", 3, 5),
            new DeliveryFailure("sms", "SMPP_0000000B", 1, 5),
            new DeliveryFailure("gp", "TIMEOUT", 1, 5));

    @Test
    void oneSharedPolicyGivesTheSameAnswersFromManyThreads() throws Exception {
        DeliveryRetryPolicy policy = DeliveryRetryPolicy.create();
        List<RetryDecision> expected = FAILURES.stream().map(policy::decide).toList();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> workers = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                workers.add(() -> {
                    for (int round = 0; round < 100; round++) {
                        for (int i = 0; i < FAILURES.size(); i++) {
                            if (!policy.decide(FAILURES.get(i)).equals(expected.get(i))) {
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
