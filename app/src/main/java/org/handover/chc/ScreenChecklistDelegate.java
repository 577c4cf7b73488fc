package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.chc.ChcProcess;
import org.handover.rules.chc.ChecklistRating;
import org.handover.rules.chc.ChecklistResult;
import org.handover.rules.chc.ChecklistRules;
import org.springframework.stereotype.Component;

/** Screens the completed Checklist by the rules and stores the result, the deciding rule, the counts and the PDF. */
@Component(ChcProcess.Delegates.SCREEN_CHECKLIST)
class ScreenChecklistDelegate implements JavaDelegate {

    private final ChecklistRules rules;
    private final ChcCases cases;
    private final ChcPaperwork paperwork;
    private final AuditLog audit;
    private final ChcSettings settings;
    private final Clock clock;

    ScreenChecklistDelegate(ChecklistRules rules, ChcCases cases, ChcPaperwork paperwork, AuditLog audit,
            ChcSettings settings, Clock clock) {
        this.rules = rules;
        this.cases = cases;
        this.paperwork = paperwork;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(CASE_ID);
        String assessor = ChcDomains.text(execution.getVariable(CHECKLIST_ASSESSOR));
        List<ChecklistRating> ratings = ChcDomains.checklist(execution);
        ChecklistResult result = rules.decide(ratings);

        execution.setVariable(CHECKLIST_POSITIVE, result.positive());
        execution.setVariable(CHECKLIST_RULE, result.decidingRule());
        execution.setVariable(CHECKLIST_COUNTS, result.countsText());
        execution.setVariable(CHECKLIST_REASON, result.reason());

        String actor = Actors.of(execution);
        cases.checklist(caseId, result.positive(), result.decidingRule(), result.countsText());
        cases.event(caseId, "CHECKLIST", actor, "Checklist completed by " + assessor + ": "
                + (result.positive() ? "positive" : "negative") + " (" + result.countsText() + "; rule "
                + result.decidingRule() + ")", ChcJson.of(ChcJson.checklist(assessor, ratings)));
        ChcCase chcCase = cases.get(caseId);
        cases.document(caseId, "CHECKLIST", "NHS Continuing Healthcare Checklist", "checklist-" + caseId + ".pdf",
                paperwork.checklist(chcCase, assessor, ratings, result, LocalDate.now(clock.withZone(settings.zone()))));
        audit.changedWith(actor, "chc-case/" + caseId, chcCase.nhsNumber(), "CHC Checklist screened "
                + (result.positive() ? "positive" : "negative") + " by rule " + result.decidingRule());
    }
}
