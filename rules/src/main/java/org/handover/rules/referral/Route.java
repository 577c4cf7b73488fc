package org.handover.rules.referral;

import java.util.ArrayList;
import java.util.List;

/**
 * Fact written by the routing rules: exactly one per referral. Public for the classes generated from the DRL.
 *
 * @param entry       the routing table row that matched, or {@code null} when the referral went to the fallback group
 * @param explanation starts the reason: the team, and why it was chosen when more than the specialty decided it,
 *                    e.g. "Paediatric dermatology team (age 9, under 16)"
 */
public record Route(Referral referral, RoutingEntry entry, String triageGroup, String serviceLeadGroup,
        String explanation) {

    public static Route toEntry(Referral referral, RoutingEntry entry) {
        List<String> why = new ArrayList<>();
        if (entry.hasKeywords()) {
            why.add("mentions '" + referral.firstMentioned(entry.keywords()) + "'");
        }
        if (entry.hasAgeBand()) {
            why.add("age " + referral.ageYears() + ", " + entry.ageBand());
        }
        String explanation = why.isEmpty()
                ? entry.description()
                : entry.description() + " (" + String.join("; ", why) + ")";
        return new Route(referral, entry, entry.triageGroup(), entry.serviceLeadGroup(), explanation);
    }

    /** No row matched: the fallback group triages and is also the group escalations go to. */
    public static Route toFallback(Referral referral, String fallbackGroup) {
        return new Route(referral, null, fallbackGroup, fallbackGroup, fallbackGroup
                + " (no routing entry matches specialty " + referral.specialtyCode() + " at age "
                + referral.ageYears() + ")");
    }
}
