package org.handover.rules.delivery;

import java.util.List;
import java.util.Objects;

/**
 * What to do after a failed delivery.
 *
 * @param action     retry later or give up and dead-letter the message
 * @param reason     one line an administrator understands
 * @param rulesFired names of the rules that fired, in firing order (classification first, then the decision)
 */
public record RetryDecision(Action action, String reason, List<String> rulesFired) {

    public enum Action {
        RETRY,
        DEAD_LETTER
    }

    public RetryDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        rulesFired = List.copyOf(rulesFired);
    }
}
