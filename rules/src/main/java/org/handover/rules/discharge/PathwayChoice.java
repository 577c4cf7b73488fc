package org.handover.rules.discharge;

import java.util.List;

/**
 * Fact written by the pathway rules: exactly one per discharge.
 *
 * @param pathway the pathway, or null when the facts do not settle it and a coordinator must decide
 * @param reason  one line a discharge coordinator reads, e.g. "Pathway 1 (home with new support): needs support at
 *                home"
 */
public record PathwayChoice(Discharge discharge, Pathway pathway, String reason) {

    public static PathwayChoice of(Discharge discharge, Pathway pathway, String why) {
        return new PathwayChoice(discharge, pathway, pathway + ": " + why);
    }

    public static PathwayChoice needsReview(Discharge discharge, String why) {
        return new PathwayChoice(discharge, null, "Needs review by a discharge coordinator: " + why);
    }

    public static PathwayChoice missingFacts(Discharge discharge) {
        List<String> missing = discharge.facts().missingForPathwayZero();
        return needsReview(discharge, "not recorded: " + String.join(", ", missing)
                + " (unknown facts never count as pathway 0)");
    }

    public boolean isPathway(int number) {
        return pathway != null && pathway.number() == number;
    }

    public boolean needsSocialCare() {
        return pathway != null && pathway.needsSocialCare();
    }
}
