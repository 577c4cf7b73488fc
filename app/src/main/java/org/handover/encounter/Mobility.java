package org.handover.encounter;

/** How the patient moves at discharge, as the ward records it for Discharge to Assess. */
public enum Mobility {
    INDEPENDENT,
    WITH_AID,
    WITH_HELP_OF_ONE,
    WITH_HELP_OF_TWO,
    BED_BOUND
}
