package org.handover.socialcare;

import org.handover.encounter.DischargeFacts;
import org.handover.encounter.PatientDischarged;
import org.handover.processes.discharge.DischargeToAssessProcess.Pathways;
import org.handover.rules.discharge.DischargeAssessment;
import org.handover.rules.discharge.DischargeDecision;
import org.handover.rules.discharge.DischargeToAssessRules;
import org.handover.rules.discharge.Mobility;
import org.handover.rules.discharge.Pathway;
import org.springframework.stereotype.Component;

/** Runs the Discharge to Assess rules over a discharge and the postcode table in force. */
@Component
class PathwayProposals {

    private final DischargeToAssessRules rules;
    private final CouncilDirectory directory;

    PathwayProposals(DischargeToAssessRules rules, CouncilDirectory directory) {
        this.rules = rules;
        this.directory = directory;
    }

    DischargeDecision propose(PatientDischarged discharge) {
        return rules.decide(assessment(discharge, null), directory.current().postcodeAreas());
    }

    /** The rules again with the coordinator's pathway: whether to flag a possible Continuing Healthcare need. */
    DischargeDecision screen(PatientDischarged discharge, Pathway confirmed) {
        return rules.decide(assessment(discharge, confirmed), directory.current().postcodeAreas());
    }

    static String processValue(Pathway pathway) {
        return pathway == null ? Pathways.NEEDS_REVIEW : Integer.toString(pathway.number());
    }

    private static DischargeAssessment assessment(PatientDischarged discharge, Pathway confirmed) {
        DischargeFacts f = discharge.facts();
        return new DischargeAssessment(f.needsSupportAtHome(), f.livedAlone(), f.carePackageBeforeAdmission(),
                f.mobility() == null ? null : Mobility.valueOf(f.mobility().name()), f.needsBedBasedRehabilitation(),
                f.newCareHomePlacement(), f.carerInvolved(), discharge.postcode(), confirmed);
    }
}
