package org.handover.socialcare;

import static org.handover.processes.discharge.DischargeToAssessProcess.Variables.*;

import java.time.Clock;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.encounter.ContinuingCareNeedFlagged;
import org.handover.encounter.PatientDischarged;
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.handover.rules.discharge.DischargeDecision;
import org.handover.rules.discharge.Pathway;
import org.handover.system.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records the coordinator's pathway (audited), resolves the council, and flags a possible Continuing Healthcare need
 * (the rules re-run with the confirmed pathway) as a {@link ContinuingCareNeedFlagged} event in this transaction.
 */
@Component(DischargeToAssessProcess.Delegates.RECORD)
class RecordPathwayDelegate implements JavaDelegate {

    private final DischargeRecords records;
    private final CouncilDirectory directory;
    private final PathwayProposals proposals;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final SocialCareConfig.SocialCareSettings settings;
    private final Clock clock;

    RecordPathwayDelegate(DischargeRecords records, CouncilDirectory directory, PathwayProposals proposals,
            ApplicationEventPublisher events, AuditLog audit, SocialCareConfig.SocialCareSettings settings,
            Clock clock) {
        this.records = records;
        this.directory = directory;
        this.proposals = proposals;
        this.events = events;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String episodeId = (String) execution.getVariable(EPISODE_ID);
        String userId = CurrentUser.of(execution);
        Pathway pathway = Pathway.of(Integer.parseInt((String) execution.getVariable(PATHWAY)));
        String proposed = (String) execution.getVariable(PROPOSED_PATHWAY);
        boolean changed = !PathwayProposals.processValue(pathway).equals(proposed);
        String changeReason = changed ? (String) execution.getVariable(PATHWAY_CHANGE_REASON) : null;
        if (!changed) {
            execution.removeVariable(PATHWAY_CHANGE_REASON);
        }
        String councilCode = (String) execution.getVariable(COUNCIL_CODE);
        if (pathway.needsSocialCare()) {
            Council council = directory.council(councilCode).orElseThrow(() -> new ProcessEngineException(
                    "Unknown council '" + councilCode + "': pick one of " + directory.current().councils().stream()
                            .map(Council::code).collect(Collectors.joining(", "))));
            execution.setVariable(COUNCIL_NAME, council.name());
            execution.setVariable(SOCIAL_CARE_GROUP, council.socialCareGroup());
            execution.setVariable(ESCALATION_GROUP, settings.escalationGroup());
        }
        PatientDischarged discharge = records.find(episodeId).orElseThrow().discharge();
        records.decided(episodeId, Integer.toString(pathway.number()), userId, changeReason,
                pathway.needsSocialCare() ? councilCode : null, directory.current().version());
        audit.changedWith(userId, "discharge-to-assess/" + episodeId, discharge.nhsNumber(), changed
                ? pathway + " chosen, rules proposed " + proposed + ": " + changeReason
                : pathway + " confirmed as proposed");
        DischargeDecision screen = proposals.screen(discharge, pathway);
        if (screen.possibleChcNeed()) {
            events.publishEvent(new ContinuingCareNeedFlagged(episodeId, discharge.nhsNumber(), discharge.givenName(),
                    discharge.familyName(), discharge.birthDate(), discharge.postcode(), discharge.gpPracticeOds(),
                    pathway.needsSocialCare() ? councilCode : screen.councilCode(), discharge.ward(), userId,
                    screen.chcReason(), clock.instant()));
        }
    }
}
