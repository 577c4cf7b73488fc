package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.chc.ChcProcess;
import org.springframework.stereotype.Component;

/** Stores the panel's decision, when it was made and whether within 28 days of the ICB's receipt. */
@Component(ChcProcess.Delegates.RECORD_DECISION)
class RecordChcDecisionDelegate implements JavaDelegate {

    private final ChcCases cases;
    private final AuditLog audit;
    private final ChcMetrics metrics;
    private final Clock clock;

    RecordChcDecisionDelegate(ChcCases cases, AuditLog audit, ChcMetrics metrics, Clock clock) {
        this.cases = cases;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(CASE_ID);
        boolean eligible = Boolean.TRUE.equals(execution.getVariable(ELIGIBLE));
        boolean changed = Boolean.TRUE.equals(execution.getVariable(RECOMMENDATION_CHANGED));
        Instant now = clock.instant();
        Date due = (Date) execution.getVariable(DECISION_DUE_AT);
        // A breach recorded by the day-28 timer counts even if the clocks disagree by a moment.
        boolean withinTarget = !cases.get(caseId).breached() && (due == null || !now.isAfter(due.toInstant()));
        execution.setVariable(DECIDED_AT, Date.from(now));
        execution.setVariable(DECIDED_WITHIN_TARGET, withinTarget);
        cases.decision(caseId, eligible, changed, now, withinTarget);
        String actor = Actors.of(execution);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recommendation", execution.getVariable(RECOMMENDATION));
        details.put("panelDecision", execution.getVariable(PANEL_DECISION));
        details.put("panelReasons", execution.getVariable(PANEL_REASONS));
        details.put("eligible", eligible);
        details.put("recommendationChanged", changed);
        details.put("decidedWithinTarget", withinTarget);
        cases.event(caseId, "DECISION", actor, "Panel decided " + (eligible ? "eligible" : "not eligible")
                + (changed ? ", changing the rules' recommendation" : "") + (withinTarget ? " within 28 days"
                : " after the 28 days"), ChcJson.of(details));
        audit.changedWith(actor, "chc-case/" + caseId, cases.get(caseId).nhsNumber(), "CHC panel decision: "
                + (eligible ? "eligible" : "not eligible") + (changed ? " (recommendation changed)" : ""));
        metrics.decided(withinTarget);
    }
}
