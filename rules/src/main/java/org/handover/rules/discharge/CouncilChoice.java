package org.handover.rules.discharge;

/**
 * Fact written by the council rules: exactly one per discharge.
 *
 * @param councilCode the council whose social care team is told, or null when no row covers the postcode
 */
public record CouncilChoice(Discharge discharge, String councilCode, String reason) {

    public static CouncilChoice byDistrict(Discharge discharge, CouncilArea area) {
        return new CouncilChoice(discharge, area.councilCode(),
                area.councilCode() + " covers postcode district " + discharge.postcode().district());
    }

    public static CouncilChoice byArea(Discharge discharge, CouncilArea area) {
        return new CouncilChoice(discharge, area.councilCode(),
                area.councilCode() + " covers postcode area " + discharge.postcode().area());
    }

    public static CouncilChoice unknown(Discharge discharge) {
        String why = discharge.postcode().known()
                ? "no council is set up for postcode district " + discharge.postcode().district()
                : "the postcode is missing or not a UK postcode";
        return new CouncilChoice(discharge, null, "Council unknown: " + why + "; pick the council");
    }
}
