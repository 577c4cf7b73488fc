package org.handover.rules.discharge;

import java.util.List;
import java.util.Objects;

/**
 * The rules' proposal for one discharge; a discharge coordinator confirms or changes the pathway.
 *
 * @param pathway          the proposed pathway, or null when the facts do not settle it ({@link #needsReview()})
 * @param reason           one line: the pathway and why, plus a carer reminder when one applies
 * @param rulesFired       names of the rules that fired, in firing order
 * @param councilCode      the council from the postcode table, or null when a person must pick it
 * @param councilReason    why that council, or why none
 * @param possibleChcNeed  whether to screen for NHS Continuing Healthcare
 * @param chcReason        why, or null
 */
public record DischargeDecision(Pathway pathway, String reason, List<String> rulesFired, String councilCode,
        String councilReason, boolean possibleChcNeed, String chcReason) {

    public DischargeDecision {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(councilReason, "councilReason");
        rulesFired = List.copyOf(rulesFired);
    }

    public boolean needsReview() {
        return pathway == null;
    }

    public boolean councilKnown() {
        return councilCode != null;
    }
}
