package org.handover.rules.fft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.drools.ruleunits.api.conf.RuleConfig;
import org.drools.ruleunits.impl.conf.RuleConfigImpl;
import org.handover.rules.CompiledRuleUnits;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Decides whether to send the Friends and Family Test by text for one ended encounter, by the rules in
 * {@code FftEligibility.drl}, one encounter or many in one rule unit instance. Create one at start and share it: it
 * is thread-safe (a fresh unit instance per call).
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
        return decideAll(List.of(Objects.requireNonNull(candidate, "candidate"))).get(0);
    }

    /**
     * Decides for several candidates in one rule unit instance (the rules match each candidate on its own, so the
     * decisions are those {@link #decide} would make one at a time), in the order given. The candidates must be
     * distinct objects.
     */
    public List<EligibilityDecision> decideAll(List<FftCandidate> candidates) {
        FftEligibilityUnit data = new FftEligibilityUnit();
        FiredRulesByCandidate fired = new FiredRulesByCandidate();
        Map<FftCandidate, List<Skip>> skips = new IdentityHashMap<>();
        Map<FftCandidate, Integer> asks = new IdentityHashMap<>();
        try (RuleUnitInstance<FftEligibilityUnit> instance = unit.createInstance(data, fired.config())) {
            data.getPolicies().add(policy);
            candidates.forEach(candidate -> data.getCandidates().add(Objects.requireNonNull(candidate, "candidate")));
            instance.fire();
            for (QueryResultsRow row : instance.executeQuery("Skips")) {
                Skip skip = (Skip) row.get("$skip");
                skips.computeIfAbsent(skip.candidate(), c -> new ArrayList<>()).add(skip);
            }
            for (QueryResultsRow row : instance.executeQuery("Asks")) {
                asks.merge(((Ask) row.get("$ask")).candidate(), 1, Integer::sum);
            }
        }
        List<EligibilityDecision> decisions = new ArrayList<>(candidates.size());
        for (FftCandidate candidate : candidates) {
            List<Skip> its = new ArrayList<>(skips.getOrDefault(candidate, List.of()));
            its.sort(Comparator.comparing(Skip::reason));
            int asked = asks.getOrDefault(candidate, 0);
            if ((asked == 1) == !its.isEmpty() || asked > 1) {
                throw new IllegalStateException("The FFT eligibility rules must reach either one Ask or at least one "
                        + "Skip for " + candidate + " but reached " + asked + " Ask(s) and " + its.size() + " Skip(s)");
            }
            decisions.add(new EligibilityDecision(asked == 1, its.isEmpty() ? null : its.get(0).reason(), its,
                    fired.names(candidate)));
        }
        return decisions;
    }

    /** The rules that fired for each candidate (every FFT rule binds its candidate as {@code $c}), in firing order. */
    private static final class FiredRulesByCandidate extends DefaultAgendaEventListener {

        private final Map<Object, List<String>> names = new IdentityHashMap<>();

        RuleConfig config() {
            // RuleConfigImpl directly, not RuleUnitProvider.get().newRuleConfig(): see CompiledRuleUnits for why.
            RuleConfig config = new RuleConfigImpl();
            config.getAgendaEventListeners().add(this);
            return config;
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            Object candidate = event.getMatch().getDeclarationValue("$c");
            names.computeIfAbsent(candidate, c -> new ArrayList<>()).add(event.getMatch().getRule().getName());
        }

        List<String> names(FftCandidate candidate) {
            return names.getOrDefault(candidate, List.of());
        }
    }
}
