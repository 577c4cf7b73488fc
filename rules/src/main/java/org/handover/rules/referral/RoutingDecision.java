package org.handover.rules.referral;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Where a referral goes for triage, at what priority and by when.
 *
 * @param triageGroup      Camunda candidate group for the triage task
 * @param serviceLeadGroup group an overdue triage escalates to
 * @param priority         final priority: never lower than the GP's
 * @param triageDueDate    the day triage is due
 * @param reason           one line a consultant understands, e.g. "Colorectal team: 'rectal bleeding' is a
 *                         suspected-cancer red flag, raised from routine to two-week-wait; triage due Tue 24 Nov 2026
 *                         (1 working day)"
 * @param rulesFired       names of the rules that fired, in firing order: routing, red flags (one per flag found),
 *                         priority, deadline
 * @param routingEntryId   id of the routing table row used, or {@code null} when the fallback group got it
 */
public record RoutingDecision(String triageGroup, String serviceLeadGroup, ReferralPriority priority,
        LocalDate triageDueDate, String reason, List<String> rulesFired, String routingEntryId) {

    public RoutingDecision {
        Objects.requireNonNull(triageGroup, "triageGroup");
        Objects.requireNonNull(serviceLeadGroup, "serviceLeadGroup");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(triageDueDate, "triageDueDate");
        Objects.requireNonNull(reason, "reason");
        rulesFired = List.copyOf(rulesFired);
    }
}
