package org.handover.referral;

import java.util.Locale;

/**
 * e-Referral priorities, lowest first (so that "never downgrade" is a comparison). Stored by name; on the wire the
 * FHIR R4 {@code ServiceRequest.priority} codes routine, urgent and asap, asap meaning two-week-wait (urgent
 * suspected cancer) as in the e-Referral Service.
 */
public enum ReferralPriority {
    ROUTINE("routine", "routine", "Routine"),
    URGENT("urgent", "urgent", "Urgent"),
    TWO_WEEK_WAIT("asap", "two-week-wait", "Two-week wait (urgent suspected cancer)");

    private final String fhirCode;
    private final String processValue;
    private final String display;

    ReferralPriority(String fhirCode, String processValue, String display) {
        this.fhirCode = fhirCode;
        this.processValue = processValue;
        this.display = display;
    }

    /** As the referral process's variables write it: routine, urgent, two-week-wait. */
    public String processValue() {
        return processValue;
    }

    /** The {@code ServiceRequest.priority} code: routine, urgent or asap. */
    public String fhirCode() {
        return fhirCode;
    }

    public String display() {
        return display;
    }

    public boolean isHigherThan(ReferralPriority other) {
        return other == null || compareTo(other) > 0;
    }

    /** The higher of the two: what "never downgrade" keeps. */
    public static ReferralPriority highest(ReferralPriority a, ReferralPriority b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Reads the ways a priority is written in Handover: the enum name ({@code TWO_WEEK_WAIT}), the FHIR code
     * ({@code asap}), and {@code two-week-wait} / {@code 2WW}; case does not matter.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ReferralPriority of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Priority is missing");
        }
        String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (key) {
            case "ROUTINE" -> ROUTINE;
            case "URGENT" -> URGENT;
            case "TWO_WEEK_WAIT", "ASAP", "2WW" -> TWO_WEEK_WAIT;
            default -> throw new IllegalArgumentException("Unknown referral priority '" + text
                    + "': use routine, urgent or two-week-wait");
        };
    }

    /** True for a coding that marks a two-week-wait referral: {@code two-week-wait}, {@code 2WW}, {@code TWO_WEEK_WAIT}. */
    static boolean isTwoWeekWaitMarker(String code) {
        if (code == null) {
            return false;
        }
        String key = code.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return key.equals("TWO_WEEK_WAIT") || key.equals("2WW");
    }
}
