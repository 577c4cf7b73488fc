package org.handover.encounter;

/** The care setting of an encounter, as the Friends and Family Test reports it. */
public enum EncounterSetting {
    INPATIENT,
    DAY_CASE,
    MATERNITY,
    EMERGENCY_DEPARTMENT,
    OUTPATIENT
}
