package org.handover.rules.delivery;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Data of the delivery retry rule unit ({@code DeliveryRetry.drl}): the policy adds failures, the classification
 * rules add one {@link Classification} per failure, the decision rules one {@link Verdict}, read back through the
 * {@code Verdicts} query.
 */
public class DeliveryRetryUnit implements RuleUnitData {

    private final DataStore<DeliveryFailure> failures = DataSource.createStore();
    private final DataStore<Classification> classifications = DataSource.createStore();
    private final DataStore<Verdict> verdicts = DataSource.createStore();

    public DataStore<DeliveryFailure> getFailures() {
        return failures;
    }

    public DataStore<Classification> getClassifications() {
        return classifications;
    }

    public DataStore<Verdict> getVerdicts() {
        return verdicts;
    }
}
