package org.handover.rules.delivery;

import org.handover.rules.delivery.RetryDecision.Action;

/** Fact written by the decision rules: exactly one per failure. Public for the classes generated from the DRL. */
public record Verdict(DeliveryFailure failure, Action action, String reason) {

    public static Verdict retry(DeliveryFailure failure, String reason) {
        return new Verdict(failure, Action.RETRY, reason);
    }

    public static Verdict deadLetter(DeliveryFailure failure, String reason) {
        return new Verdict(failure, Action.DEAD_LETTER, reason);
    }
}
