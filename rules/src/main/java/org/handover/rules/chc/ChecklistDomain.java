package org.handover.rules.chc;

/**
 * The eleven care domains of the NHS Continuing Healthcare Checklist, in the Checklist's order. Four of them carry a
 * priority level in the Decision Support Tool; an A in one of those makes the Checklist positive on its own.
 */
public enum ChecklistDomain {
    BREATHING("Breathing", true),
    NUTRITION("Nutrition", false),
    CONTINENCE("Continence", false),
    SKIN_INTEGRITY("Skin integrity", false),
    MOBILITY("Mobility", false),
    COMMUNICATION("Communication", false),
    PSYCHOLOGICAL_AND_EMOTIONAL("Psychological and emotional needs", false),
    COGNITION("Cognition", false),
    BEHAVIOUR("Behaviour", true),
    DRUG_THERAPIES_AND_MEDICATION("Drug therapies and medication", true),
    ALTERED_STATES_OF_CONSCIOUSNESS("Altered states of consciousness", true);

    private final String title;
    private final boolean priorityDomain;

    ChecklistDomain(String title, boolean priorityDomain) {
        this.title = title;
        this.priorityDomain = priorityDomain;
    }

    public String title() {
        return title;
    }

    /** True for the domains that carry a priority level in the DST. */
    public boolean priorityDomain() {
        return priorityDomain;
    }
}
