package org.handover.encounter;

/**
 * What the ward knows at discharge that decides the Discharge to Assess pathway. A null means "not recorded",
 * which the rules must treat as unknown, never as "no".
 */
public record DischargeFacts(
        Boolean needsSupportAtHome,
        Boolean livedAlone,
        Boolean carePackageBeforeAdmission,
        Mobility mobility,
        Boolean needsBedBasedRehabilitation,
        Boolean newCareHomePlacement,
        Boolean carerInvolved) {

    public static DischargeFacts unknown() {
        return new DischargeFacts(null, null, null, null, null, null, null);
    }
}
