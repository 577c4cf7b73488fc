package org.handover.rules.fft;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Data of the Friends and Family Test eligibility unit ({@code FftEligibility.drl}): {@link FftEligibility} adds one
 * policy and one candidate; the rules add a {@link Skip} per exclusion that applies, or one {@link Ask}.
 */
public class FftEligibilityUnit implements RuleUnitData {

    private final DataStore<FftPolicy> policies = DataSource.createStore();
    private final DataStore<FftCandidate> candidates = DataSource.createStore();
    private final DataStore<Skip> skips = DataSource.createStore();
    private final DataStore<Ask> asks = DataSource.createStore();

    public DataStore<FftPolicy> getPolicies() {
        return policies;
    }

    public DataStore<FftCandidate> getCandidates() {
        return candidates;
    }

    public DataStore<Skip> getSkips() {
        return skips;
    }

    public DataStore<Ask> getAsks() {
        return asks;
    }
}
