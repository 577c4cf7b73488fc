package org.handover.rules.referral;

import java.util.Objects;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Data of the referral routing rule unit ({@code ReferralRouting.drl}). {@link ReferralRules} adds one
 * {@link Referral}, the routing table's rows and the red flags; the rules add {@link RedFlagFound}s, one
 * {@link Route}, one {@link PriorityDecision} and one {@link TriageDeadline}, read back through the
 * {@code Decision} query. The working-day calendar, the deadline policy and the fallback group are unit variables
 * the rules read by name.
 */
public class ReferralRoutingUnit implements RuleUnitData {

    private final DataStore<Referral> referrals = DataSource.createStore();
    private final DataStore<RoutingEntry> routingEntries = DataSource.createStore();
    private final DataStore<RedFlag> redFlags = DataSource.createStore();
    private final DataStore<RedFlagFound> redFlagsFound = DataSource.createStore();
    private final DataStore<Route> routes = DataSource.createStore();
    private final DataStore<PriorityDecision> priorities = DataSource.createStore();
    private final DataStore<TriageDeadline> deadlines = DataSource.createStore();

    private final WorkingDays workingDays;
    private final DeadlinePolicy deadlinePolicy;
    private final String fallbackGroup;

    /** England's working days, the default deadlines and "referral-coordinators". */
    public ReferralRoutingUnit() {
        this(WorkingDays.england(), DeadlinePolicy.defaults(), "referral-coordinators");
    }

    public ReferralRoutingUnit(WorkingDays workingDays, DeadlinePolicy deadlinePolicy, String fallbackGroup) {
        this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
        this.deadlinePolicy = Objects.requireNonNull(deadlinePolicy, "deadlinePolicy");
        this.fallbackGroup = Objects.requireNonNull(fallbackGroup, "fallbackGroup");
    }

    public DataStore<Referral> getReferrals() {
        return referrals;
    }

    public DataStore<RoutingEntry> getRoutingEntries() {
        return routingEntries;
    }

    public DataStore<RedFlag> getRedFlags() {
        return redFlags;
    }

    public DataStore<RedFlagFound> getRedFlagsFound() {
        return redFlagsFound;
    }

    public DataStore<Route> getRoutes() {
        return routes;
    }

    public DataStore<PriorityDecision> getPriorities() {
        return priorities;
    }

    public DataStore<TriageDeadline> getDeadlines() {
        return deadlines;
    }

    public WorkingDays getWorkingDays() {
        return workingDays;
    }

    public DeadlinePolicy getDeadlinePolicy() {
        return deadlinePolicy;
    }

    public String getFallbackGroup() {
        return fallbackGroup;
    }
}
