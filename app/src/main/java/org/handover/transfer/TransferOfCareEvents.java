package org.handover.transfer;

import static org.handover.processes.transfer.TransferOfCareProcess.Variables.*;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
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
import org.handover.processes.transfer.TransferOfCareProcess;
import org.handover.socialcare.DischargeText;
import org.handover.transfer.TransferRecords.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts the transfer of care for each discharge and withdraws it when the discharge is cancelled, in the publisher's
 * transaction just before it commits (as Discharge to Assess does): for HL7 v2 and FHIR discharges that is the
 * dispatcher's batch after the ACK (docs/decisions/0007), so the event is marked dispatched together with its
 * transfer of care or not at all. The process runs as the system.
 */
@Component
class TransferOfCareEvents {

    private static final Logger log = LoggerFactory.getLogger(TransferOfCareEvents.class);
    static final String DIED_IN_HOSPITAL = "\n#### This patient died in hospital\n\nThe summary tells the GP practice of"
            + " the death (discharge method: died). No copy goes to the patient, and no social care or Friends and"
            + " Family Test contact is made.\n";

    private final RuntimeService runtimeService;
    private final ProcessStarts starts;
    private final IdentityService identityService;
    private final TransferRecords records;
    private final GpMessages messages;
    private final PatientCopies patientCopies;
    private final AuditLog audit;
    private final TransferOfCareConfig.TransferSettings settings;
    private final Clock clock;

    TransferOfCareEvents(RuntimeService runtimeService, ProcessStarts starts, IdentityService identityService,
            TransferRecords records,
            GpMessages messages, PatientCopies patientCopies, AuditLog audit,
            TransferOfCareConfig.TransferSettings settings, Clock clock) {
        this.runtimeService = runtimeService;
        this.starts = starts;
        this.identityService = identityService;
        this.records = records;
        this.messages = messages;
        this.patientCopies = patientCopies;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    @Transactional
    public void discharged(PatientDischarged discharge) {
        Objects.requireNonNull(discharge.episodeId(), "episodeId");
        Objects.requireNonNull(discharge.nhsNumber(), "nhsNumber");
        // Without a discharge time from the source, the 24 hours run from when Handover was told.
        Instant dischargedAt = discharge.dischargedAt() != null ? discharge.dischargedAt() : clock.instant();
        TransferRecords.Start start = records.discharged(discharge, dischargedAt);
        if (start == TransferRecords.Start.NONE) {
            log.info("Transfer of care already started for episode {}", discharge.episodeId());
            return;
        }
        DischargeSummary upstream = start == TransferRecords.Start.NEW ? null
                : records.find(discharge.episodeId()).orElseThrow().summary();
        asSystem(() -> starts.start(TransferOfCareProcess.KEY, discharge.episodeId(),
                variables(discharge, dischargedAt, upstream)));
        if (discharge.patientCopyRequested()) {
            patientCopies.requested(discharge.episodeId());
        }
        log.info("Transfer of care started for episode {}, patient {}{}", discharge.episodeId(),
                Masking.maskNhsNumbers(discharge.nhsNumber()),
                upstream == null ? "" : " with the summary from upstream");
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    @Transactional
    public void cancelled(DischargeCancelled cancellation) {
        Transfer transfer = records.find(cancellation.episodeId()).orElse(null);
        if (transfer == null || transfer.status() == TransferRecords.Status.CANCELLED
                || transfer.status() == TransferRecords.Status.AWAITING_DISCHARGE) {
            return;
        }
        if (DischargeCancellations.tellRunningProcess(runtimeService, identityService, TransferOfCareProcess.KEY,
                TransferOfCareProcess.Messages.DISCHARGE_CANCELLED, cancellation.episodeId(), CANCELLATION_REASON,
                cancellation.reason())) {
            return;
        }
        // The process has ended (the GP acknowledged): the practice is still told.
        withdraw(transfer, cancellation.reason(), "system");
    }

    /** Records the cancellation and tells a practice that was sent the summary; shared with the process's withdrawal. */
    void withdraw(Transfer transfer, String reason, String userId) {
        String notice = messages.cancellation(transfer, reason);
        records.cancelled(transfer.episodeId(), reason);
        audit.changed(userId, "transfer-of-care/" + transfer.episodeId(), transfer.nhsNumber(),
                "Discharge cancelled, transfer of care withdrawn" + (notice == null ? "" : "; GP practice told"));
    }

    /** What the model, the findable-task listener and the delegates read by name; the rest only in the forms' text. */
    private Map<String, Object> variables(PatientDischarged d, Instant dischargedAt, DischargeSummary upstream) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(EPISODE_ID, d.episodeId());
        variables.put(NHS_NUMBER, d.nhsNumber());
        variables.put(PATIENT_NAME, DischargeText.name(d));
        variables.put(WARD, d.ward() == null ? "ward not given" : d.ward());
        variables.put(DISCHARGE_DETAILS, DischargeText.details(d, dischargedAt, settings.zone())
                + (d.diedInHospital() ? DIED_IN_HOSPITAL : ""));
        variables.put(GP_PRACTICE_ODS, d.gpPracticeOds() == null ? "" : d.gpPracticeOds());
        variables.put(SLA_BREACH_AT, Date.from(dischargedAt.plus(settings.standard())));
        variables.put(SLA_WARNING_AT, Date.from(dischargedAt.plus(settings.warning())));
        variables.put(ESCALATION_GROUP, settings.escalationGroup());
        variables.put(SUMMARY_COMPLETE, upstream != null);
        variables.put(RESULTS_PENDING, upstream != null && Boolean.TRUE.equals(upstream.resultsPending()) ? "yes" : "no");
        return variables;
    }

    private <T> T asSystem(Supplier<T> work) {
        return AsSystem.call(identityService, work);
    }
}
