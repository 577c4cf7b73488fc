package org.handover.rules.referral;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.handover.rules.CompiledRuleUnits;
import org.handover.rules.FiredRules;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Routes an e-Referral to a triage group, sets its priority and its triage due date, by the rules in
 * {@code ReferralRouting.drl}, over a routing table and red-flag list the caller passes in on every call.
 *
 * <p>Create one at start and share it: it is thread-safe. The rule unit was compiled at build time, so
 * {@link #create} only builds the rule base from generated classes (once per JVM) and {@link #decide} compiles
 * nothing; each call runs a fresh, short-lived rule unit instance.
 */
public final class ReferralRules {

    private static final String DECISION_QUERY = "Decision";
    private static final DateTimeFormatter DUE_DATE = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

    private final RuleUnit<ReferralRoutingUnit> unit;
    private final WorkingDays workingDays;
    private final DeadlinePolicy deadlines;
    private final String fallbackGroup;

    private ReferralRules(RuleUnit<ReferralRoutingUnit> unit, WorkingDays workingDays, DeadlinePolicy deadlines,
            String fallbackGroup) {
        this.unit = unit;
        this.workingDays = workingDays;
        this.deadlines = deadlines;
        this.fallbackGroup = fallbackGroup;
    }

    /**
     * Loads the rule unit and makes one decision, so that the first real {@link #decide} is not the slow one.
     *
     * @param fallbackGroup the group that triages (and is escalated to for) referrals no routing entry matches,
     *                      e.g. "referral-coordinators"
     */
    public static ReferralRules create(WorkingDays workingDays, DeadlinePolicy deadlines, String fallbackGroup) {
        Objects.requireNonNull(workingDays, "workingDays");
        Objects.requireNonNull(deadlines, "deadlines");
        if (fallbackGroup == null || fallbackGroup.isBlank()) {
            throw new IllegalArgumentException("fallbackGroup must not be blank");
        }
        ReferralRules rules = new ReferralRules(CompiledRuleUnits.load(ReferralRoutingUnit.class), workingDays,
                deadlines, fallbackGroup.strip());
        // Through every step (a routing row, a red flag, a raised priority, a deadline), not just the fallback.
        rules.decide(new ReferralFacts("000000000000", "WARM_UP", "warm up", 40, ReferralPriority.ROUTINE,
                        LocalDate.of(2026, 1, 5)),
                List.of(new RoutingEntry("warm-up", "WARM_UP", List.of(), null, null, "warm-up", "warm-up", 0, null)),
                List.of(new RedFlag("warm-up", null, "warm up", "")));
        return rules;
    }

    /**
     * Decides one referral.
     *
     * @param table    the current routing table (may be empty: everything goes to the fallback group); ids unique
     * @param redFlags the current red flags, e.g. {@link RedFlag#defaults()}
     */
    public RoutingDecision decide(ReferralFacts facts, List<RoutingEntry> table, List<RedFlag> redFlags) {
        Objects.requireNonNull(facts, "facts");
        requireUniqueIds(Objects.requireNonNull(table, "table"));
        Objects.requireNonNull(redFlags, "redFlags");
        ReferralRoutingUnit data = new ReferralRoutingUnit(workingDays, deadlines, fallbackGroup);
        FiredRules fired = new FiredRules();
        try (RuleUnitInstance<ReferralRoutingUnit> instance = unit.createInstance(data, fired.config())) {
            data.getReferrals().add(Referral.of(facts));
            table.forEach(entry -> data.getRoutingEntries().add(Objects.requireNonNull(entry, "routing entry")));
            redFlags.forEach(flag -> data.getRedFlags().add(Objects.requireNonNull(flag, "red flag")));
            instance.fire();
            return decision(instance.executeQuery(DECISION_QUERY), facts, fired);
        }
    }

    private static RoutingDecision decision(QueryResults results, ReferralFacts facts, FiredRules fired) {
        if (results.size() != 1) {
            throw new IllegalStateException("The referral routing rules must reach exactly one route, priority and "
                    + "deadline for " + facts + " but the Decision query returned " + results.size() + " rows");
        }
        QueryResultsRow row = results.iterator().next();
        Route route = (Route) row.get("$route");
        PriorityDecision priority = (PriorityDecision) row.get("$priority");
        TriageDeadline deadline = (TriageDeadline) row.get("$deadline");
        if (facts.gpPriority().isHigherThan(priority.priority())) {
            throw new IllegalStateException("The referral routing rules lowered the GP's priority "
                    + facts.gpPriority() + " to " + priority.priority() + " for " + facts);
        }
        String reason = route.explanation() + ": " + priority.explanation() + "; triage due "
                + DUE_DATE.format(deadline.dueDate()) + " (" + deadline.workingDays() + " working day"
                + (deadline.workingDays() == 1 ? "" : "s") + ")";
        return new RoutingDecision(route.triageGroup(), route.serviceLeadGroup(), priority.priority(),
                deadline.dueDate(), reason, fired.names(), route.entry() == null ? null : route.entry().id());
    }

    private static void requireUniqueIds(List<RoutingEntry> table) {
        Set<String> ids = new HashSet<>();
        for (RoutingEntry entry : table) {
            if (entry != null && !ids.add(entry.id())) {
                throw new IllegalArgumentException("The routing table has more than one entry with id " + entry.id());
            }
        }
    }
}
