package org.handover.socialcare;

import static org.handover.processes.discharge.DischargeToAssessProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.handover.system.CurrentUser;
import org.springframework.stereotype.Component;

/** Records who acknowledged for the council, when, and the council's reference (audited). */
@Component(DischargeToAssessProcess.Delegates.RECORD_ACKNOWLEDGEMENT)
class RecordAcknowledgementDelegate implements JavaDelegate {

    private final DischargeRecords records;
    private final AuditLog audit;

    RecordAcknowledgementDelegate(DischargeRecords records, AuditLog audit) {
        this.records = records;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String episodeId = (String) execution.getVariable(EPISODE_ID);
        String userId = CurrentUser.of(execution);
        Object reference = execution.getVariable(COUNCIL_REFERENCE);
        String councilReference = reference == null || reference.toString().isBlank() ? null : reference.toString().strip();
        records.acknowledged(episodeId, userId, councilReference);
        audit.changedWith(userId, "discharge-to-assess/" + episodeId, (String) execution.getVariable(NHS_NUMBER),
                "Council " + execution.getVariable(COUNCIL_CODE) + " acknowledged"
                        + (councilReference == null ? "" : ", reference " + councilReference));
    }
}
