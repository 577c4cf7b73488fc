package org.handover.socialcare;

import static org.handover.processes.discharge.DischargeToAssessProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.handover.rules.discharge.DischargeDecision;
import org.springframework.stereotype.Component;

/** The rules propose the pathway (or "review"), the council and a possible Continuing Healthcare need. */
@Component(DischargeToAssessProcess.Delegates.PROPOSE)
class ProposePathwayDelegate implements JavaDelegate {

    private final DischargeRecords records;
    private final PathwayProposals proposals;
    private final CouncilDirectory directory;

    ProposePathwayDelegate(DischargeRecords records, PathwayProposals proposals, CouncilDirectory directory) {
        this.records = records;
        this.proposals = proposals;
        this.directory = directory;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String episodeId = (String) execution.getVariable(EPISODE_ID);
        DischargeRecords.DischargeRecord record = records.find(episodeId)
                .orElseThrow(() -> new IllegalStateException("No Discharge to Assess record for episode " + episodeId));
        DischargeDecision decision = proposals.propose(record.discharge());
        String proposed = PathwayProposals.processValue(decision.pathway());
        execution.setVariable(PROPOSED_PATHWAY, proposed);
        if (!decision.needsReview()) {
            execution.setVariable(PATHWAY, proposed);
        }
        execution.setVariable(PATHWAY_REASON, decision.reason());
        execution.setVariable(RULES_FIRED, String.join(", ", decision.rulesFired())
                + " (council directory v" + directory.current().version() + ")");
        execution.setVariable(COUNCIL_KNOWN, decision.councilKnown());
        if (decision.councilKnown()) {
            execution.setVariable(COUNCIL_CODE, decision.councilCode());
        }
        execution.setVariable(COUNCIL_REASON, decision.councilReason());
        execution.setVariable(POSSIBLE_CHC_NEED, decision.possibleChcNeed());
        if (decision.possibleChcNeed()) {
            execution.setVariable(CHC_REASON, decision.chcReason());
        }
        records.proposed(episodeId, proposed, decision.reason());
    }
}
