package org.handover.rules.fft;

import java.util.List;

/**
 * Whether to send the Friends and Family Test, and if not, every reason found; {@code reason} is the one the monthly
 * report counts (the first in {@link SkipReason}'s order).
 */
public record EligibilityDecision(boolean ask, SkipReason reason, List<Skip> skips, List<String> rulesFired) {

    public EligibilityDecision {
        skips = List.copyOf(skips);
        rulesFired = List.copyOf(rulesFired);
    }

    /** One line for people: every reason, most important first. */
    public String explanation() {
        if (ask) {
            return "Eligible: asked by text";
        }
        return String.join("; ", skips.stream().map(Skip::explanation).toList());
    }
}
