package org.handover.socialcare;

/**
 * The parts of a discharge notification a council's sharing agreement may allow. The episode id, the pathway, the
 * patient's NHS number and name and the acknowledgement deadline are always sent: without them the council cannot
 * identify the patient or act on the notice.
 */
public enum NoticeField {
    BIRTH_DATE,
    ADDRESS,
    POSTCODE,
    MOBILE,
    GP_PRACTICE,
    WARD,
    SPECIALTY,
    ADMISSION_DATE,
    DISCHARGE_DATE,
    /** The facts behind the pathway (support at home, lived alone, care package, mobility, ...) and the reason. */
    SUPPORT_NEEDS,
    CARER_INVOLVEMENT
}
