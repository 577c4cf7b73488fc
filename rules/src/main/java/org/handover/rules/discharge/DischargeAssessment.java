package org.handover.rules.discharge;

import java.util.ArrayList;
import java.util.List;

/**
 * What the ward knows at discharge that decides the Discharge to Assess pathway, and where the patient lives. A null
 * fact is "not recorded": the rules never read it as "no".
 *
 * @param postcode         the patient's home postcode, e.g. "SK7 1AB" (may be null or malformed: council unknown)
 * @param confirmedPathway the pathway a discharge coordinator confirmed, or null to let the rules choose; used to
 *                         screen for Continuing Healthcare after the coordinator has decided
 */
public record DischargeAssessment(
        Boolean needsSupportAtHome,
        Boolean livedAlone,
        Boolean carePackageBeforeAdmission,
        Mobility mobility,
        Boolean needsBedBasedRehabilitation,
        Boolean newCareHomePlacement,
        Boolean carerInvolved,
        String postcode,
        Pathway confirmedPathway) {

    /** The same facts, with the pathway a coordinator confirmed. */
    public DischargeAssessment withConfirmedPathway(Pathway pathway) {
        return new DischargeAssessment(needsSupportAtHome, livedAlone, carePackageBeforeAdmission, mobility,
                needsBedBasedRehabilitation, newCareHomePlacement, carerInvolved, postcode, pathway);
    }

    /** Facts that pathway 0 needs known; each null here is named to the coordinator. */
    public List<String> missingForPathwayZero() {
        List<String> missing = new ArrayList<>();
        if (newCareHomePlacement == null) {
            missing.add("new care-home placement");
        }
        if (needsBedBasedRehabilitation == null) {
            missing.add("bed-based rehabilitation");
        }
        if (needsSupportAtHome == null) {
            missing.add("support needed at home");
        }
        if (mobility == null) {
            missing.add("mobility");
        }
        if (livedAlone == null) {
            missing.add("lived alone");
        }
        if (carePackageBeforeAdmission == null) {
            missing.add("care package before admission");
        }
        return missing;
    }

    public boolean mobilityNeedsAnotherPerson() {
        return mobility != null && mobility.needsAnotherPerson();
    }

    public boolean mobilityHighNeeds() {
        return mobility != null && mobility.highNeeds();
    }
}
