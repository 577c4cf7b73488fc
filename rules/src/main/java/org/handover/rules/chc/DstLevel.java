package org.handover.rules.chc;

/** Levels of need in the Decision Support Tool, lowest first. */
public enum DstLevel {
    NONE("no needs"),
    LOW("low"),
    MODERATE("moderate"),
    HIGH("high"),
    SEVERE("severe"),
    PRIORITY("priority");

    private final String words;

    DstLevel(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean atLeast(DstLevel other) {
        return compareTo(other) >= 0;
    }
}
