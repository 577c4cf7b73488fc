package org.handover.rules.chc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.handover.rules.CompiledRuleUnits;
import org.handover.rules.FiredRules;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Decides whether a completed NHS Continuing Healthcare Checklist is positive (a full assessment is needed), by the
 * rules in {@code ChecklistScreening.drl}. Create once and share: thread-safe, compiled at build time.
 */
public final class ChecklistRules {

    private final RuleUnit<ChecklistUnit> unit;

    private ChecklistRules(RuleUnit<ChecklistUnit> unit) {
        this.unit = unit;
    }

    public static ChecklistRules create() {
        return new ChecklistRules(CompiledRuleUnits.load(ChecklistUnit.class));
    }

    /**
     * @param ratings one rating for each of the eleven domains
     * @throws IllegalArgumentException when a domain is missing or rated twice, naming it
     */
    public ChecklistResult decide(List<ChecklistRating> ratings) {
        ChecklistCounts counts = count(ratings);
        ChecklistUnit data = new ChecklistUnit();
        FiredRules fired = new FiredRules();
        try (RuleUnitInstance<ChecklistUnit> instance = unit.createInstance(data, fired.config())) {
            data.getCounts().add(counts);
            instance.fire();
            ChecklistOutcome outcome = onlyOutcome(instance, counts);
            List<String> names = fired.names();
            return new ChecklistResult(outcome.positive(), names.get(names.size() - 1), outcome.reason(), counts.aCount(),
                    counts.bCount(), counts.cCount(), counts.aInPriorityDomains(), names);
        }
    }

    static ChecklistCounts count(List<ChecklistRating> ratings) {
        Objects.requireNonNull(ratings, "ratings");
        Set<ChecklistDomain> seen = EnumSet.noneOf(ChecklistDomain.class);
        int a = 0;
        int b = 0;
        int c = 0;
        int aInPriority = 0;
        for (ChecklistRating rating : ratings) {
            if (!seen.add(rating.domain())) {
                throw new IllegalArgumentException("The Checklist rates " + rating.domain().title()
                        + " more than once: give each domain one rating");
            }
            switch (rating.level()) {
                case A -> {
                    a++;
                    if (rating.domain().priorityDomain()) {
                        aInPriority++;
                    }
                }
                case B -> b++;
                case C -> c++;
            }
        }
        Set<ChecklistDomain> missing = EnumSet.allOf(ChecklistDomain.class);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The Checklist has no rating for " + titles(missing)
                    + ": rate all eleven domains A, B or C");
        }
        return new ChecklistCounts(a, b, c, aInPriority);
    }

    private static String titles(Set<ChecklistDomain> domains) {
        return String.join(", ", domains.stream().map(ChecklistDomain::title).toList());
    }

    private static ChecklistOutcome onlyOutcome(RuleUnitInstance<ChecklistUnit> instance, ChecklistCounts counts) {
        List<ChecklistOutcome> outcomes = new ArrayList<>();
        for (QueryResultsRow row : instance.executeQuery("ChecklistOutcomes")) {
            outcomes.add((ChecklistOutcome) row.get("$outcome"));
        }
        if (outcomes.size() != 1) {
            throw new IllegalStateException("The Checklist rules must reach exactly one outcome for " + counts
                    + " but reached " + outcomes);
        }
        return outcomes.get(0);
    }
}
