package org.handover.rules.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Start-up, first-call and steady-state cost of the policy. Only meaningful as the first test in a fresh JVM:
 * {@code mvn -pl rules test -Dtest=DeliveryRetryPolicyTimingTest -Dhandover.timing=true}
 */
@EnabledIfSystemProperty(named = "handover.timing", matches = "true")
class DeliveryRetryPolicyTimingTest {

    private static final Logger LOG = System.getLogger(DeliveryRetryPolicyTimingTest.class.getName());
    private static final int ROUNDS = 20_000;

    private static final List<DeliveryFailure> FAILURES = List.of(
            new DeliveryFailure("gp", "HTTP_503", 2, 5),
            new DeliveryFailure("social-care", "SMTP_550", 1, 5),
            new DeliveryFailure("sms", "SMPP_00000058", 5, 5),
            new DeliveryFailure("gp", "UNKNOWN", 1, 5));

    @Test
    void measure() {
        long start = System.nanoTime();
        DeliveryRetryPolicy policy = DeliveryRetryPolicy.create();
        long created = System.nanoTime();
        RetryDecision first = policy.decide(FAILURES.get(0));
        long firstDone = System.nanoTime();
        policy.decide(FAILURES.get(1));
        long secondDone = System.nanoTime();

        runRounds(policy); // warm-up for the JIT
        long steadyStart = System.nanoTime();
        runRounds(policy);
        long steadyNanos = System.nanoTime() - steadyStart;

        assertThat(first.action()).isEqualTo(RetryDecision.Action.RETRY);
        LOG.log(Level.INFO, String.format(
                "create() %.1f ms; first decide() %.1f ms; second decide() %.2f ms; steady decide() %.1f us"
                        + " (mean of %d)",
                millis(created - start), millis(firstDone - created), millis(secondDone - firstDone),
                steadyNanos / 1000.0 / (ROUNDS * FAILURES.size()), ROUNDS * FAILURES.size()));
    }

    private static void runRounds(DeliveryRetryPolicy policy) {
        for (int round = 0; round < ROUNDS; round++) {
            for (DeliveryFailure failure : FAILURES) {
                policy.decide(failure);
            }
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
