package org.handover.rules.chc;

import java.util.List;

/**
 * The screening result of one Checklist.
 *
 * @param positive     true when a full assessment for NHS Continuing Healthcare is needed
 * @param decidingRule the rule that decided (e.g. {@code OneAAndFourOrMoreB}), stored with the case
 * @param reason       one line in plain English, used in the letters
 * @param rulesFired   every rule that fired, in order
 */
public record ChecklistResult(boolean positive, String decidingRule, String reason, int aCount, int bCount,
        int cCount, int aInPriorityDomains, List<String> rulesFired) {

    public ChecklistResult {
        rulesFired = List.copyOf(rulesFired);
    }

    /** "2 A, 3 B, 6 C", for people. */
    public String countsText() {
        return aCount + " A, " + bCount + " B, " + cCount + " C";
    }
}
