package org.handover.socialcare;

import static org.handover.processes.discharge.DischargeToAssessProcess.Variables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.springframework.stereotype.Component;

/** The discharge was cancelled: record it and, when the council was notified, send it a cancellation notice. */
@Component(DischargeToAssessProcess.Delegates.WITHDRAW)
class WithdrawNotificationDelegate implements JavaDelegate {

    private final DischargeRecords records;
    private final CouncilDirectory directory;
    private final CouncilNotices notices;
    private final AuditLog audit;

    WithdrawNotificationDelegate(DischargeRecords records, CouncilDirectory directory, CouncilNotices notices,
            AuditLog audit) {
        this.records = records;
        this.directory = directory;
        this.notices = notices;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String episodeId = (String) execution.getVariable(EPISODE_ID);
        String reason = (String) execution.getVariable(CANCELLATION_REASON);
        DischargeRecords.DischargeRecord record = records.find(episodeId).orElseThrow();
        String messageId = null;
        if (record.councilNotified()) {
            Council council = directory.council(record.councilCode()).orElseThrow(() -> new IllegalStateException(
                    "Council " + record.councilCode() + " was notified but is no longer in the council directory"));
            messageId = notices.sendCancellation(record.discharge(), council, record.noticeMessageId(), reason);
        }
        records.cancelled(episodeId, reason, messageId);
        audit.changedWith("system", "discharge-to-assess/" + episodeId, record.discharge().nhsNumber(),
                "Discharge cancelled, Discharge to Assess withdrawn"
                        + (messageId == null ? "" : "; council " + record.councilCode() + " told"));
    }
}
