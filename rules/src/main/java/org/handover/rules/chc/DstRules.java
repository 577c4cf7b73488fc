package org.handover.rules.chc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.handover.rules.CompiledRuleUnits;
import org.handover.rules.FiredRules;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Recommends eligibility for NHS Continuing Healthcare from a completed Decision Support Tool, by the rules in
 * {@code DstRecommendation.drl}. Create once and share: thread-safe, compiled at build time.
 */
public final class DstRules {

    private final RuleUnit<DstUnit> unit;

    private DstRules(RuleUnit<DstUnit> unit) {
        this.unit = unit;
    }

    public static DstRules create() {
        return new DstRules(CompiledRuleUnits.load(DstUnit.class));
    }

    /**
     * @param ratings one rating for each of the twelve domains (levels already checked by {@link DstRating})
     * @throws IllegalArgumentException when a domain is missing or rated twice, naming it
     */
    public DstRecommendation recommend(List<DstRating> ratings) {
        DstCounts counts = count(ratings);
        DstUnit data = new DstUnit();
        FiredRules fired = new FiredRules();
        try (RuleUnitInstance<DstUnit> instance = unit.createInstance(data, fired.config())) {
            data.getCounts().add(counts);
            instance.fire();
            List<DstOutcome> outcomes = new ArrayList<>();
            for (QueryResultsRow row : instance.executeQuery("DstOutcomes")) {
                outcomes.add((DstOutcome) row.get("$outcome"));
            }
            if (outcomes.size() != 1) {
                throw new IllegalStateException("The DST rules must reach exactly one recommendation for " + counts
                        + " but reached " + outcomes);
            }
            List<String> names = fired.names();
            DstOutcome outcome = outcomes.get(0);
            return new DstRecommendation(outcome.outcome(), names.get(names.size() - 1), outcome.reason(), counts,
                    names);
        }
    }

    static DstCounts count(List<DstRating> ratings) {
        Objects.requireNonNull(ratings, "ratings");
        Set<DstDomain> seen = EnumSet.noneOf(DstDomain.class);
        Map<DstLevel, Integer> byLevel = new EnumMap<>(DstLevel.class);
        for (DstRating rating : ratings) {
            if (!seen.add(rating.domain())) {
                throw new IllegalArgumentException("The DST rates " + rating.domain().title()
                        + " more than once: give each domain one level");
            }
            byLevel.merge(rating.level(), 1, Integer::sum);
        }
        Set<DstDomain> missing = EnumSet.allOf(DstDomain.class);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The DST has no level for " + String.join(", ",
                    missing.stream().map(DstDomain::title).toList()) + ": rate all twelve domains");
        }
        int moderateOrAbove = (int) ratings.stream().filter(r -> r.level().atLeast(DstLevel.MODERATE)).count();
        return new DstCounts(byLevel.getOrDefault(DstLevel.PRIORITY, 0), byLevel.getOrDefault(DstLevel.SEVERE, 0),
                byLevel.getOrDefault(DstLevel.HIGH, 0), byLevel.getOrDefault(DstLevel.MODERATE, 0),
                byLevel.getOrDefault(DstLevel.LOW, 0), byLevel.getOrDefault(DstLevel.NONE, 0), moderateOrAbove);
    }
}
