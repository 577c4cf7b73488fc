package org.handover.rules.chc;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Data of the Checklist rule unit ({@code ChecklistScreening.drl}): {@link ChecklistRules} adds the domain counts of
 * one Checklist, the rules add one {@link ChecklistOutcome}, read back through the {@code ChecklistOutcomes} query.
 */
public class ChecklistUnit implements RuleUnitData {

    private final DataStore<ChecklistCounts> counts = DataSource.createStore();
    private final DataStore<ChecklistOutcome> outcomes = DataSource.createStore();

    public DataStore<ChecklistCounts> getCounts() {
        return counts;
    }

    public DataStore<ChecklistOutcome> getOutcomes() {
        return outcomes;
    }
}
