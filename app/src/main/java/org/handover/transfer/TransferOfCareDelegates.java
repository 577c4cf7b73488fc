package org.handover.transfer;

import static org.camunda.bpm.engine.variable.Variables.booleanValue;
import static org.handover.processes.transfer.TransferOfCareProcess.Variables.*;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.transfer.TransferOfCareProcess;
import org.handover.processes.transfer.TransferOfCareProcess.Delegates;
import org.handover.system.CurrentUser;
import org.handover.transfer.TransferRecords.Status;
import org.handover.transfer.TransferRecords.Transfer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process's service tasks; each reads its variables, calls one service and writes its variables. */
@Configuration
class TransferOfCareDelegates {

    /**
     * Stores the summary from the form (who completed it is audited). The headings' variables go again in the
     * command that wrote them, so they never reach the database: the record holds the summary.
     */
    @Bean(Delegates.RECORD_SUMMARY)
    JavaDelegate recordDischargeSummaryDelegate(TransferRecords records, AuditLog audit) {
        return execution -> {
            String episodeId = episode(execution);
            DischargeSummary summary = DischargeSummary.fromVariables(execution.getVariables());
            String userId = CurrentUser.of(execution);
            records.summaryRecorded(episodeId, summary, "TASKLIST", userId);
            String resultsPending = Boolean.TRUE.equals(summary.resultsPending()) ? "yes" : "no";
            if (!resultsPending.equals(execution.getVariable(RESULTS_PENDING))) {
                execution.setVariable(RESULTS_PENDING, resultsPending);
            }
            SUMMARY_HEADINGS.forEach(execution::removeVariable);
            audit.changedWith(userId, "transfer-of-care/" + episodeId, (String) execution.getVariable(NHS_NUMBER),
                    "Discharge summary completed by " + summary.completedBy());
        };
    }

    /** Builds and validates the summary message; the attempt counter gives a resend a new message id. */
    @Bean(Delegates.BUILD_MESSAGE)
    JavaDelegate buildDischargeMessageDelegate(TransferRecords records, GpMessages messages) {
        return execution -> {
            String episodeId = episode(execution);
            Transfer transfer = records.find(episodeId).orElseThrow();
            Object ods = execution.getVariable(GP_PRACTICE_ODS);
            Transfer toPractice = withPractice(transfer, ods == null ? null : ods.toString().strip());
            int attempt = attempt(execution);
            if (attempt > 1) {
                execution.setVariable(MESSAGE_ATTEMPT, attempt);
            }
            GpMessages.Built built = messages.summary(toPractice, execution.getProcessInstanceId() + ":" + attempt);
            execution.setVariable(PENDING_MESSAGE_ID, built.id());
            execution.setVariable(MESSAGE_VALID, booleanValue(built.valid(), true));
            if (built.valid()) {
                execution.removeVariable(VALIDATION_ERRORS);
            } else {
                execution.setVariable(VALIDATION_ERRORS, "- " + String.join("\n- ", built.errors()));
                records.status(episodeId, Status.INVALID);
                toPractice.summary().toVariables().forEach(execution::setVariable);
            }
        };
    }

    /** Finds the practice's mailbox (cached endpoint lookup) and writes the built message to the outbox. */
    @Bean(Delegates.SEND)
    JavaDelegate sendToGpDelegate(GpMailboxDirectory mailboxes, GpMessages messages, TransferRecords records,
            PatientCopies patientCopies) {
        return execution -> {
            String episodeId = episode(execution);
            String ods = String.valueOf(execution.getVariable(GP_PRACTICE_ODS)).strip();
            Optional<String> mailbox = mailboxes.mailbox(ods, TransferOfCareProcess.WORKFLOW_ID);
            execution.setVariable(GP_MAILBOX_FOUND, booleanValue(mailbox.isPresent(), true));
            if (mailbox.isEmpty()) {
                execution.setVariable(DELIVERY_PROBLEM, "GP practice " + (ods.isBlank() ? "(none given)" : ods)
                        + " has no MESH mailbox for " + TransferOfCareProcess.WORKFLOW_ID
                        + " (MESH endpoint lookup found none).");
                records.status(episodeId, Status.DELIVERY_PROBLEM);
                return;
            }
            String messageId = (String) execution.getVariable(PENDING_MESSAGE_ID);
            messages.send(messageId, mailbox.get(), episodeId);
            execution.setVariable(AWAITING_MESSAGE_ID, messageId);
            execution.removeVariable(DELIVERY_PROBLEM);
            if (records.find(episodeId).map(t -> t.acknowledgedAt() == null).orElse(true)) {
                records.status(episodeId, Status.SENT);
                patientCopies.summarySent(episodeId);
            }
        };
    }

    @Bean(Delegates.RECORD_DELIVERED_OTHERWISE)
    JavaDelegate recordDeliveredOtherwiseDelegate(TransferRecords records, AuditLog audit, TransferOfCareMetrics metrics) {
        return execution -> {
            String episodeId = episode(execution);
            String userId = CurrentUser.of(execution);
            records.summaryReceived(episodeId, Status.DELIVERED_OTHERWISE);
            metrics.summaryReceived(episodeId);
            audit.changedWith(userId, "transfer-of-care/" + episodeId, (String) execution.getVariable(NHS_NUMBER),
                    "Discharge summary delivered to the GP another way: " + execution.getVariable(RESOLUTION_NOTE));
        };
    }

    @Bean(Delegates.RECORD_SLA_WARNING)
    JavaDelegate recordSlaWarningDelegate(TransferRecords records, TransferOfCareMetrics metrics) {
        return execution -> {
            records.slaWarned(episode(execution));
            metrics.warned();
        };
    }

    @Bean(Delegates.RECORD_SLA_BREACH)
    JavaDelegate recordSlaBreachDelegate(TransferRecords records, TransferOfCareMetrics metrics, AuditLog audit) {
        return execution -> {
            String episodeId = episode(execution);
            records.slaBreached(episodeId);
            metrics.breached();
            audit.changedWith("system", "transfer-of-care/" + episodeId, (String) execution.getVariable(NHS_NUMBER),
                    "24-hour discharge summary standard missed");
        };
    }

    @Bean(Delegates.WITHDRAW)
    JavaDelegate withdrawTransferOfCareDelegate(TransferRecords records, TransferOfCareEvents events) {
        return execution -> {
            Transfer transfer = records.find(episode(execution)).orElseThrow();
            events.withdraw(transfer, (String) execution.getVariable(CANCELLATION_REASON), "system");
        };
    }

    /** The first build has no message before it; a resend's build counts on from the one before. */
    private static int attempt(DelegateExecution execution) {
        Object before = execution.getVariable(MESSAGE_ATTEMPT);
        if (before != null) {
            return (Integer) before + 1;
        }
        return execution.getVariable(PENDING_MESSAGE_ID) == null ? 1 : 2;
    }

    private static String episode(DelegateExecution execution) {
        return (String) execution.getVariable(EPISODE_ID);
    }

    /** The ward administrator may have corrected the practice when resolving a delivery problem. */
    private static Transfer withPractice(Transfer transfer, String ods) {
        if (ods == null || ods.isBlank() || ods.equalsIgnoreCase(transfer.discharge().gpPracticeOds())) {
            return transfer;
        }
        var d = transfer.discharge();
        var corrected = new org.handover.encounter.PatientDischarged(d.episodeId(), d.nhsNumber(), d.givenName(),
                d.familyName(), d.birthDate(), d.addressLine(), d.postcode(), d.mobile(), ods.toUpperCase(),
                d.siteCode(), d.ward(), d.specialty(), d.admittedAt(), d.dischargedAt(), d.setting(), d.consultant(),
                d.patientCopyRequested(), d.facts());
        return new Transfer(transfer.episodeId(), transfer.nhsNumber(), corrected, transfer.status(),
                transfer.summary(), transfer.summarySource(), transfer.dischargedAt(), transfer.acknowledgedAt(),
                transfer.results());
    }
}
