package org.handover.rules.referral;

/**
 * Priority of an e-Referral, lowest first: the declaration order is the clinical order, so {@link #compareTo}
 * and {@link #max} rank them. The rules may raise a priority but never lower it.
 */
public enum ReferralPriority {
    ROUTINE("routine"),
    URGENT("urgent"),
    /** Urgent suspected cancer. */
    TWO_WEEK_WAIT("two-week-wait");

    private final String label;

    ReferralPriority(String label) {
        this.label = label;
    }

    /** The priority as written in a reason: "routine", "urgent", "two-week-wait". */
    public String label() {
        return label;
    }

    public boolean isHigherThan(ReferralPriority other) {
        return compareTo(other) > 0;
    }

    /** The higher of the two. */
    public static ReferralPriority max(ReferralPriority a, ReferralPriority b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
