package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.chc.ChcProcess;
import org.springframework.stereotype.Component;

/** Stores the care package arranged, for the standard pathway and the Fast Track alike. */
@Component(ChcProcess.Delegates.RECORD_CARE)
class RecordCarePackageDelegate implements JavaDelegate {

    private final ChcCases cases;
    private final AuditLog audit;

    RecordCarePackageDelegate(ChcCases cases, AuditLog audit) {
        this.cases = cases;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(CASE_ID);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("carePackage", execution.getVariable(CARE_PACKAGE));
        details.put("careProvider", execution.getVariable(CARE_PROVIDER));
        details.put("careStartDate", execution.getVariable(CARE_START_DATE));
        String actor = Actors.of(execution);
        cases.event(caseId, "CARE_PACKAGE", actor, "Care package arranged with " + details.get("careProvider")
                + " from " + details.get("careStartDate") + ": " + details.get("carePackage"), ChcJson.of(details));
        cases.status(caseId, "CARE_ARRANGED");
        audit.changedWith(actor, "chc-case/" + caseId, cases.get(caseId).nhsNumber(), "CHC care package arranged");
    }
}
