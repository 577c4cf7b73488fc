package org.handover.socialcare;

import static org.handover.processes.discharge.DischargeToAssessProcess.Variables.*;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.handover.rules.discharge.Pathway;
import org.handover.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Writes the notice for the council to the outbox, sets the acknowledgement deadline, and removes the variables the
 * council's sharing agreement does not allow: the council's team reads this process's variables through its task.
 */
@Component(DischargeToAssessProcess.Delegates.NOTIFY)
class NotifyCouncilDelegate implements JavaDelegate {

    /** Variables only the hospital may read. */
    private static final List<String> HOSPITAL_ONLY = List.of(DISCHARGE_DETAILS, RULES_FIRED, COUNCIL_REASON, CHC_REASON,
            POSSIBLE_CHC_NEED, PROPOSED_PATHWAY, PATHWAY_CHANGE_REASON, PATHWAY_REASON);
    /** Variables shown to the council only when its sharing agreement allows the field. */
    private static final Map<String, NoticeField> BY_AGREEMENT = new LinkedHashMap<>();

    static {
        BY_AGREEMENT.put(WARD, NoticeField.WARD);
    }

    private final DischargeRecords records;
    private final CouncilDirectory directory;
    private final CouncilNotices notices;
    private final AuditLog audit;
    private final SocialCareConfig.SocialCareSettings settings;
    private final Clock clock;

    NotifyCouncilDelegate(DischargeRecords records, CouncilDirectory directory, CouncilNotices notices, AuditLog audit,
            SocialCareConfig.SocialCareSettings settings, Clock clock) {
        this.records = records;
        this.directory = directory;
        this.notices = notices;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String episodeId = (String) execution.getVariable(EPISODE_ID);
        String councilCode = (String) execution.getVariable(COUNCIL_CODE);
        Council council = directory.council(councilCode)
                .orElseThrow(() -> new IllegalStateException("Council " + councilCode + " is not in the directory"));
        Pathway pathway = Pathway.of(Integer.parseInt((String) execution.getVariable(PATHWAY)));
        Object changeReason = execution.getVariable(PATHWAY_CHANGE_REASON);
        String reason = changeReason != null ? "decided by the discharge coordinator: " + changeReason
                : (String) execution.getVariable(PATHWAY_REASON);
        ZonedDateTime due = council.deadline().due(clock.instant().atZone(settings.zone()));
        DischargeRecords.DischargeRecord record = records.find(episodeId).orElseThrow();

        CouncilNotices.Sent sent = notices.sendNotice(record.discharge(), council, pathway, reason, due,
                execution.getProcessInstanceId());

        records.notified(episodeId, sent.messageId());
        audit.changedWith(CurrentUser.of(execution), "discharge-to-assess/" + episodeId, record.discharge().nhsNumber(),
                "Discharge notification to " + council.code() + " over " + council.channel());
        execution.setVariable(COUNCIL_NOTIFIED, true);
        execution.setVariable(ACKNOWLEDGE_DUE_DATE, Date.from(due.toInstant()));
        execution.setVariable(NOTICE_SUMMARY, sent.summary());
        HOSPITAL_ONLY.forEach(execution::removeVariable);
        BY_AGREEMENT.forEach((variable, field) -> {
            if (!council.allows(field)) {
                execution.removeVariable(variable);
            }
        });
    }
}
