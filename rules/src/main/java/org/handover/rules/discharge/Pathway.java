package org.handover.rules.discharge;

/** Discharge to Assess pathways (national hospital discharge guidance, 2022). */
public enum Pathway {
    /** Home with no new support. */
    PATHWAY_0(0, "home with no new support"),
    /** Home with new support from health and/or social care. */
    PATHWAY_1(1, "home with new support"),
    /** Short-term bed-based rehabilitation, reablement or recovery. */
    PATHWAY_2(2, "short-term bed-based rehabilitation"),
    /** A new care-home placement. */
    PATHWAY_3(3, "new care-home placement");

    private final int number;
    private final String label;

    Pathway(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    /** Pathways 1 to 3 need the council's social care team to act. */
    public boolean needsSocialCare() {
        return this != PATHWAY_0;
    }

    public static Pathway of(int number) {
        for (Pathway pathway : values()) {
            if (pathway.number == number) {
                return pathway;
            }
        }
        throw new IllegalArgumentException("A Discharge to Assess pathway is 0, 1, 2 or 3, not " + number);
    }

    @Override
    public String toString() {
        return "Pathway " + number + " (" + label + ")";
    }
}
