package org.handover.rules.fft;

/**
 * Why a patient was not sent the Friends and Family Test, in the order the monthly report names a skip by when
 * several apply (the most sensitive first).
 */
public enum SkipReason {
    DIED("The patient died"),
    BEREAVED_PARENT("A bereaved-parent encounter (miscarriage, stillbirth or neonatal death)"),
    UNDER_16("The patient was under 16"),
    AGE_UNKNOWN("The patient's date of birth is not known, so we cannot tell they are 16 or over"),
    OPTED_OUT("The mobile number has opted out of feedback texts"),
    NO_UK_MOBILE("No valid UK mobile number"),
    ASKED_RECENTLY("The patient was asked recently"),
    SETTING_NOT_ENABLED("Feedback by text is not enabled for this setting");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
