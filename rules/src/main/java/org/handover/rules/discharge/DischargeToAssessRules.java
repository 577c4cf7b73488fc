package org.handover.rules.discharge;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.handover.rules.CompiledRuleUnits;
import org.handover.rules.FiredRules;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Proposes the Discharge to Assess pathway, the council and a possible Continuing Healthcare need by the rules in
 * {@code DischargeToAssess.drl}, over the postcode -> council table the caller passes in on every call.
 * Create one at start and share it: thread-safe, nothing compiled at run time.
 */
public final class DischargeToAssessRules {

    private final RuleUnit<DischargeToAssessUnit> unit;

    private DischargeToAssessRules(RuleUnit<DischargeToAssessUnit> unit) {
        this.unit = unit;
    }

    /** Loads the unit built at compile time and makes one decision, so the first real one is not the slow one. */
    public static DischargeToAssessRules create() {
        DischargeToAssessRules rules = new DischargeToAssessRules(CompiledRuleUnits.load(DischargeToAssessUnit.class));
        rules.decide(new DischargeAssessment(true, true, false, Mobility.BED_BOUND, false, false, null, "SK7 1AB", null),
                List.of(new CouncilArea("SK", "warm-up")));
        return rules;
    }

    /**
     * Decides one discharge. With {@link DischargeAssessment#confirmedPathway()} set, the pathway is the confirmed one
     * and the Continuing Healthcare screen follows it.
     *
     * @param councilAreas the postcode table in force; prefixes unique
     */
    public DischargeDecision decide(DischargeAssessment facts, List<CouncilArea> councilAreas) {
        Objects.requireNonNull(facts, "facts");
        requireUniquePrefixes(Objects.requireNonNull(councilAreas, "councilAreas"));
        DischargeToAssessUnit data = new DischargeToAssessUnit();
        FiredRules fired = new FiredRules();
        try (RuleUnitInstance<DischargeToAssessUnit> instance = unit.createInstance(data, fired.config())) {
            data.getDischarges().add(Discharge.of(facts));
            councilAreas.forEach(area -> data.getCouncilAreas().add(Objects.requireNonNull(area, "council area")));
            instance.fire();
            QueryResults decision = instance.executeQuery("Decision");
            if (decision.size() != 1) {
                throw new IllegalStateException("The Discharge to Assess rules must reach exactly one pathway and one "
                        + "council, but the Decision query returned " + decision.size() + " rows");
            }
            QueryResultsRow row = decision.iterator().next();
            PathwayChoice pathway = (PathwayChoice) row.get("$pathway");
            CouncilChoice council = (CouncilChoice) row.get("$council");
            ContinuingCareFlag chc = single(instance.executeQuery("ContinuingCare"), "$flag", ContinuingCareFlag.class);
            CarerNote carers = single(instance.executeQuery("Carers"), "$note", CarerNote.class);
            String reason = carers == null ? pathway.reason() : pathway.reason() + "; " + carers.text();
            return new DischargeDecision(pathway.pathway(), reason, fired.names(), council.councilCode(),
                    council.reason(), chc != null, chc == null ? null : chc.reason());
        }
    }

    private static <T> T single(QueryResults results, String name, Class<T> type) {
        if (results.size() > 1) {
            throw new IllegalStateException("The Discharge to Assess rules wrote " + results.size() + " "
                    + type.getSimpleName() + " facts; at most one expected");
        }
        return results.size() == 0 ? null : type.cast(results.iterator().next().get(name));
    }

    private static void requireUniquePrefixes(List<CouncilArea> areas) {
        Set<String> prefixes = new HashSet<>();
        for (CouncilArea area : areas) {
            if (area != null && !prefixes.add(area.prefix())) {
                throw new IllegalArgumentException("The postcode table lists " + area.prefix() + " more than once");
            }
        }
    }
}
