package org.handover.referral;

/** Display names for the teams the routing table names. */
final class DefaultRouting {

    private DefaultRouting() {
    }

    /** "triage-colorectal" -> "Triage: colorectal"; "lead-cardiology" -> "Service lead: cardiology". */
    static String displayName(String group) {
        if (group.startsWith("triage-")) {
            return "Triage: " + group.substring("triage-".length()).replace('-', ' ');
        }
        if (group.startsWith("lead-")) {
            return "Service lead: " + group.substring("lead-".length()).replace('-', ' ');
        }
        return group.replace('-', ' ');
    }
}
