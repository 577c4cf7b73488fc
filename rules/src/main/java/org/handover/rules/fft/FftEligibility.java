package org.handover.rules.fft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.handover.rules.CompiledRuleUnits;
import org.handover.rules.FiredRules;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Decides whether to send the Friends and Family Test by text for one ended encounter, by the rules in
 * {@code FftEligibility.drl}. Create one at start and share it: it is thread-safe (a fresh unit instance per call).
 */
public final class FftEligibility {

    private final RuleUnit<FftEligibilityUnit> unit;
    private final FftPolicy policy;

    private FftEligibility(RuleUnit<FftEligibilityUnit> unit, FftPolicy policy) {
        this.unit = unit;
        this.policy = policy;
    }

    /** Loads the unit compiled at build time and makes one decision, so the first real one is not the slow one. */
    public static FftEligibility create(FftPolicy policy) {
        FftEligibility eligibility = new FftEligibility(CompiledRuleUnits.load(FftEligibilityUnit.class),
                Objects.requireNonNull(policy, "policy"));
        eligibility.decide(new FftCandidate("warm-up", "INPATIENT", 40, false, List.of(), "+447700900000", false, null));
        return eligibility;
    }

    public FftPolicy policy() {
        return policy;
    }

    public EligibilityDecision decide(FftCandidate candidate) {
        Objects.requireNonNull(candidate, "candidate");
        FftEligibilityUnit data = new FftEligibilityUnit();
        FiredRules fired = new FiredRules();
        try (RuleUnitInstance<FftEligibilityUnit> instance = unit.createInstance(data, fired.config())) {
            data.getPolicies().add(policy);
            data.getCandidates().add(candidate);
            instance.fire();
            List<Skip> skips = new ArrayList<>();
            for (QueryResultsRow row : instance.executeQuery("Skips")) {
                skips.add((Skip) row.get("$skip"));
            }
            skips.sort(Comparator.comparing(Skip::reason));
            int asks = instance.executeQuery("Asks").size();
            if ((asks == 1) == !skips.isEmpty() || asks > 1) {
                throw new IllegalStateException("The FFT eligibility rules must reach either one Ask or at least one "
                        + "Skip for " + candidate + " but reached " + asks + " Ask(s) and " + skips.size() + " Skip(s)");
            }
            return new EligibilityDecision(asks == 1, skips.isEmpty() ? null : skips.get(0).reason(), skips,
                    fired.names());
        }
    }
}
