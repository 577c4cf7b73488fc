package org.handover.rules.discharge;

/** How the patient moves at discharge, as the ward records it. */
public enum Mobility {
    INDEPENDENT("independent"),
    WITH_AID("independent with an aid"),
    WITH_HELP_OF_ONE("with the help of one"),
    WITH_HELP_OF_TWO("with the help of two"),
    BED_BOUND("bed-bound");

    private final String label;

    Mobility(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Needs another person to move: going home without support would not be safe. */
    public boolean needsAnotherPerson() {
        return this == WITH_HELP_OF_ONE || this == WITH_HELP_OF_TWO || this == BED_BOUND;
    }

    /** High physical care needs that may amount to a primary health need. */
    public boolean highNeeds() {
        return this == WITH_HELP_OF_TWO || this == BED_BOUND;
    }
}
