package org.handover.rules.referral;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.drools.ruleunits.api.DataHandle;
import org.drools.ruleunits.api.DataStore;
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
 * nothing.
 *
 * <p>Rule unit instances are kept and used again, one thread at a time: an instance holds a routing table and its
 * red flags, and each decision adds one referral, fires, reads the decision and removes that referral and every fact
 * the rules derived from it, leaving the instance as it was. Making an instance and inserting the table for every
 * referral was about a third of the rules' cost. An instance is used again only for an equal table and red flags (a
 * changed table gets new instances) and only after a decision that went through; one that failed is closed.
 */
public final class ReferralRules {

    private static final String DECISION_QUERY = "Decision";
    private static final DateTimeFormatter DUE_DATE = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);

    /** Idle instances kept at most: about as many as threads route at once. */
    private static final int MOST_IDLE = 16;

    private final RuleUnit<ReferralRoutingUnit> unit;
    private final Deque<LoadedUnit> idle = new ConcurrentLinkedDeque<>();
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
        LoadedUnit loaded = take(table, redFlags);
        boolean clean = false;
        try {
            RoutingDecision decision = loaded.decide(facts);
            clean = true;
            return decision;
        } finally {
            if (clean && idle.size() < MOST_IDLE) {
                idle.push(loaded);
            } else {
                loaded.close();
            }
        }
    }

    /** An idle instance holding this table and these red flags, or a new one. */
    private LoadedUnit take(List<RoutingEntry> table, List<RedFlag> redFlags) {
        LoadedUnit loaded;
        while ((loaded = idle.poll()) != null) {
            if (loaded.holds(table, redFlags)) {
                return loaded;
            }
            loaded.close();
        }
        return new LoadedUnit(table, redFlags);
    }

    /** A rule unit instance with a routing table and red flags in it, and no referral between decisions. */
    private final class LoadedUnit {

        private final List<RoutingEntry> table;
        private final List<RedFlag> redFlags;
        private final ReferralRoutingUnit data = new ReferralRoutingUnit(workingDays, deadlines, fallbackGroup);
        private final FiredRules fired = new FiredRules();
        private final RuleUnitInstance<ReferralRoutingUnit> instance;

        LoadedUnit(List<RoutingEntry> table, List<RedFlag> redFlags) {
            table.forEach(entry -> Objects.requireNonNull(entry, "routing entry"));
            redFlags.forEach(flag -> Objects.requireNonNull(flag, "red flag"));
            this.table = List.copyOf(table);
            this.redFlags = List.copyOf(redFlags);
            instance = unit.createInstance(data, fired.config());
            this.table.forEach(data.getRoutingEntries()::add);
            this.redFlags.forEach(data.getRedFlags()::add);
        }

        boolean holds(List<RoutingEntry> otherTable, List<RedFlag> otherRedFlags) {
            return table.equals(otherTable) && redFlags.equals(otherRedFlags);
        }

        RoutingDecision decide(ReferralFacts facts) {
            fired.clear();
            DataHandle referral = data.getReferrals().add(Referral.of(facts));
            instance.fire();
            RoutingDecision decision = decision(instance.executeQuery(DECISION_QUERY), facts, fired);
            data.getReferrals().remove(referral);
            removeAll(data.getRoutes());
            removeAll(data.getPriorities());
            removeAll(data.getDeadlines());
            removeAll(data.getRedFlagsFound());
            return decision;
        }

        void close() {
            instance.close();
        }
    }

    /** The stores of a rule unit's data are lists (DataSource.createStore); anything else ends the instance's reuse. */
    private static <T> void removeAll(DataStore<T> store) {
        if (!(store instanceof Iterable<?> items)) {
            throw new IllegalStateException("A rule unit store that cannot be listed: " + store.getClass());
        }
        List<T> derived = new ArrayList<>();
        items.forEach(item -> derived.add(cast(item)));
        derived.forEach(store::remove);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object item) {
        return (T) item;
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
