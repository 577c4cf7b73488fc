package org.handover.rules.chc;

import java.util.List;

/**
 * The rules' recommendation from a completed Decision Support Tool, for the ICB panel to ratify or change.
 *
 * @param decidingRule the rule that decided, stored with the case
 * @param reason       why, in plain English
 */
public record DstRecommendation(Outcome outcome, String decidingRule, String reason, DstCounts counts,
        List<String> rulesFired) {

    public enum Outcome {
        /** A primary health need is indicated: one priority, or two or more severe. */
        ELIGIBLE,
        /** May indicate a primary health need: the panel decides on nature, intensity, complexity, unpredictability. */
        PANEL_JUDGEMENT,
        /** No indicator of a primary health need. */
        NOT_ELIGIBLE
    }

    public DstRecommendation {
        rulesFired = List.copyOf(rulesFired);
    }

    /** "1 priority, 0 severe, 2 high, 3 moderate, 4 low, 2 no needs". */
    public String countsText() {
        return counts.priority() + " priority, " + counts.severe() + " severe, " + counts.high() + " high, "
                + counts.moderate() + " moderate, " + counts.low() + " low, " + counts.none() + " no needs";
    }
}
