package org.handover.rules.chc;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Data of the DST rule unit ({@code DstRecommendation.drl}): {@link DstRules} adds the level counts of one DST, the
 * rules add one {@link DstOutcome}, read back through the {@code DstOutcomes} query.
 */
public class DstUnit implements RuleUnitData {

    private final DataStore<DstCounts> counts = DataSource.createStore();
    private final DataStore<DstOutcome> outcomes = DataSource.createStore();

    public DataStore<DstCounts> getCounts() {
        return counts;
    }

    public DataStore<DstOutcome> getOutcomes() {
        return outcomes;
    }
}
