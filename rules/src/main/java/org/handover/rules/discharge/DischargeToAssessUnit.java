package org.handover.rules.discharge;

import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Data of the Discharge to Assess rule unit ({@code DischargeToAssess.drl}). {@link DischargeToAssessRules} adds one
 * {@link Discharge} and the postcode table's rows; the rules add one {@link PathwayChoice}, one {@link CouncilChoice},
 * at most one {@link ContinuingCareFlag} and at most one {@link CarerNote}.
 */
public class DischargeToAssessUnit implements RuleUnitData {

    private final DataStore<Discharge> discharges = DataSource.createStore();
    private final DataStore<CouncilArea> councilAreas = DataSource.createStore();
    private final DataStore<PathwayChoice> pathwayChoices = DataSource.createStore();
    private final DataStore<CouncilChoice> councilChoices = DataSource.createStore();
    private final DataStore<ContinuingCareFlag> continuingCareFlags = DataSource.createStore();
    private final DataStore<CarerNote> carerNotes = DataSource.createStore();

    public DataStore<Discharge> getDischarges() {
        return discharges;
    }

    public DataStore<CouncilArea> getCouncilAreas() {
        return councilAreas;
    }

    public DataStore<PathwayChoice> getPathwayChoices() {
        return pathwayChoices;
    }

    public DataStore<CouncilChoice> getCouncilChoices() {
        return councilChoices;
    }

    public DataStore<ContinuingCareFlag> getContinuingCareFlags() {
        return continuingCareFlags;
    }

    public DataStore<CarerNote> getCarerNotes() {
        return carerNotes;
    }
}
