package org.handover.rules.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.handover.rules.CompiledRuleUnits;
import org.handover.rules.FiredRules;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * Decides whether a failed outbound delivery is retried or dead-lettered, by the rules in {@code DeliveryRetry.drl}.
 *
 * <p>Create one at start and share it: it is thread-safe. The rule unit it runs was compiled at build time, so
 * {@link #create} only builds the rule base from generated classes (once per JVM) and {@link #decide} compiles
 * nothing; each call runs a fresh, short-lived rule unit instance.
 */
public final class DeliveryRetryPolicy {

    private static final String VERDICTS_QUERY = "Verdicts";
    private static final String VERDICT = "$verdict";

    private final RuleUnit<DeliveryRetryUnit> unit;

    private DeliveryRetryPolicy(RuleUnit<DeliveryRetryUnit> unit) {
        this.unit = unit;
    }

    /** Loads the rule unit and makes one decision, so that the first real {@link #decide} is not the slow one. */
    public static DeliveryRetryPolicy create() {
        DeliveryRetryPolicy policy = new DeliveryRetryPolicy(CompiledRuleUnits.load(DeliveryRetryUnit.class));
        policy.decide(new DeliveryFailure("gp", "UNKNOWN", 1, 1));
        return policy;
    }

    public RetryDecision decide(DeliveryFailure failure) {
        Objects.requireNonNull(failure, "failure");
        DeliveryRetryUnit data = new DeliveryRetryUnit();
        FiredRules fired = new FiredRules();
        try (RuleUnitInstance<DeliveryRetryUnit> instance = unit.createInstance(data, fired.config())) {
            data.getFailures().add(failure);
            instance.fire();
            Verdict verdict = onlyVerdict(instance, failure);
            return new RetryDecision(verdict.action(), verdict.reason(), fired.names());
        }
    }

    private static Verdict onlyVerdict(RuleUnitInstance<DeliveryRetryUnit> instance, DeliveryFailure failure) {
        List<Verdict> verdicts = new ArrayList<>();
        for (QueryResultsRow row : instance.executeQuery(VERDICTS_QUERY)) {
            verdicts.add((Verdict) row.get(VERDICT));
        }
        if (verdicts.size() != 1) {
            throw new IllegalStateException("The delivery retry rules must reach exactly one verdict for " + failure
                    + " but reached " + verdicts.size() + ": " + verdicts);
        }
        return verdicts.get(0);
    }
}
