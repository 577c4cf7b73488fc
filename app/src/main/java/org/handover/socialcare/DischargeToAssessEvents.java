package org.handover.socialcare;

import static org.handover.processes.discharge.DischargeToAssessProcess.Variables.*;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.handover.audit.AuditLog;
import org.handover.system.AsSystem;
import org.handover.system.ProcessStarts;
import org.handover.system.DischargeCancellations;
import org.handover.domain.Masking;
import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.PatientDischarged;
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts Discharge to Assess for each discharge and withdraws it when the discharge is cancelled. Runs in the
 * publisher's transaction, just before it commits - for HL7 v2 and FHIR discharges the dispatcher's batch after the
 * ACK (docs/decisions/0007): the event marked dispatched, its Discharge to Assess record and the process commit
 * together, or none does (nothing starts for a discharge that was not stored, and no discharge is marked dispatched
 * without its Discharge to Assess). The process runs as the system: whoever posted the discharge need not be allowed
 * to start processes.
 */
@Component
class DischargeToAssessEvents {

    private static final Logger log = LoggerFactory.getLogger(DischargeToAssessEvents.class);

    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ProcessStarts starts;
    private final DischargeRecords records;
    private final CouncilDirectory directory;
    private final CouncilNotices notices;
    private final AuditLog audit;
    private final SocialCareConfig.SocialCareSettings settings;

    DischargeToAssessEvents(RuntimeService runtimeService, ProcessStarts starts, IdentityService identityService,
            DischargeRecords records, CouncilDirectory directory, CouncilNotices notices, AuditLog audit,
            SocialCareConfig.SocialCareSettings settings) {
        this.runtimeService = runtimeService;
        this.starts = starts;
        this.identityService = identityService;
        this.records = records;
        this.directory = directory;
        this.notices = notices;
        this.audit = audit;
        this.settings = settings;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    @Transactional
    public void discharged(PatientDischarged discharge) {
        Objects.requireNonNull(discharge.episodeId(), "episodeId");
        Objects.requireNonNull(discharge.nhsNumber(), "nhsNumber");
        if (discharge.diedInHospital()) {
            log.info("No Discharge to Assess for episode {}: the patient died in hospital", discharge.episodeId());
            return;
        }
        if (!records.insertIfAbsent(discharge) && !records.restartIfCancelled(discharge)) {
            log.info("Discharge to Assess already started for episode {}", discharge.episodeId());
            return;
        }
        asSystem(() -> starts.start(DischargeToAssessProcess.KEY, discharge.episodeId(), variables(discharge)));
        log.info("Discharge to Assess started for episode {}, patient {}", discharge.episodeId(),
                Masking.maskNhsNumbers(discharge.nhsNumber()));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    @Transactional
    public void cancelled(DischargeCancelled cancellation) {
        DischargeRecords.DischargeRecord record = records.find(cancellation.episodeId()).orElse(null);
        if (record == null || record.status() == DischargeRecords.Status.CANCELLED) {
            return;
        }
        if (DischargeCancellations.tellRunningProcess(runtimeService, identityService, DischargeToAssessProcess.KEY,
                DischargeToAssessProcess.Messages.DISCHARGE_CANCELLED, cancellation.episodeId(), CANCELLATION_REASON,
                cancellation.reason())) {
            return;
        }
        // The process has ended (pathway 0, or the council already acknowledged): a notified council is still told.
        String messageId = null;
        if (record.councilNotified()) {
            Council council = directory.council(record.councilCode()).orElseThrow(() -> new IllegalStateException(
                    "Council " + record.councilCode() + " was notified but is no longer in the council directory"));
            messageId = notices.sendCancellation(record.discharge(), council, record.noticeMessageId(),
                    cancellation.reason());
        }
        records.cancelled(cancellation.episodeId(), cancellation.reason(), messageId);
        audit.changed("system", "discharge-to-assess/" + cancellation.episodeId(), record.discharge().nhsNumber(),
                "Discharge cancelled" + (messageId == null ? "" : "; council " + record.councilCode() + " told"));
    }

    private <T> T asSystem(Supplier<T> work) {
        return AsSystem.call(identityService, work);
    }

    private Map<String, Object> variables(PatientDischarged d) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(EPISODE_ID, d.episodeId());
        variables.put(NHS_NUMBER, d.nhsNumber());
        variables.put(PATIENT_NAME, DischargeText.name(d));
        variables.put(WARD, d.ward() == null ? "ward not given" : d.ward());
        variables.put(DISCHARGE_DETAILS, DischargeText.details(d, d.dischargedAt(), settings.zone())
                + "\n#### What the ward recorded\n\n" + DischargeText.facts(d.facts()) + "\n");
        return variables;
    }
}
