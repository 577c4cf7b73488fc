package org.handover.transfer;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.processes.transfer.TransferOfCareProcess;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.handover.routes.mesh.MeshRoute;
import org.handover.transfer.EDischargeMessages.Kind;
import org.handover.transfer.TransferRecords.Transfer;
import org.springframework.stereotype.Component;

/**
 * Builds, validates, stores and sends the ITK3 messages of an episode, in the caller's transaction. A message that
 * fails validation is stored with its errors and never reaches the outbox. Ids derive from what is sent (process
 * instance and attempt, or the summary an addendum or cancellation refers to), so a repeated step sends nothing twice.
 */
@Component
class GpMessages {

    record Built(String id, List<String> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private final EDischargeMessages messages;
    private final Stu3Validation validation;
    private final TransferRecords records;
    private final Outbox outbox;
    private final Clock clock;

    GpMessages(EDischargeMessages messages, Stu3Validation validation, TransferRecords records, Outbox outbox,
            Clock clock) {
        this.messages = messages;
        this.validation = validation;
        this.records = records;
        this.outbox = outbox;
        this.clock = clock;
    }

    Built summary(Transfer transfer, String attemptKey) {
        String id = EDischargeMessages.uuid("toc-summary:" + transfer.episodeId() + ":" + attemptKey);
        return build(new EDischargeMessages.Request(id, Kind.SUMMARY, transfer.discharge(), transfer.summary(), null,
                null, clock.instant()));
    }

    Built addendum(Transfer transfer, String summaryMessageId, String results) {
        String id = EDischargeMessages.uuid("toc-addendum:" + summaryMessageId + ":" + results);
        return build(new EDischargeMessages.Request(id, Kind.ADDENDUM, transfer.discharge(), transfer.summary(),
                EDischargeMessages.documentId(summaryMessageId), results, clock.instant()));
    }

    /** Writes a built, valid message to the outbox for the practice's mailbox. */
    void send(String messageId, String mailbox, String episodeId) {
        TransferRecords.StoredMessage message = records.message(messageId).orElseThrow(() ->
                new IllegalStateException("No message " + messageId + " was built for episode " + episodeId));
        if (!message.valid()) {
            throw new IllegalStateException("Message " + messageId + " failed validation and may not be sent");
        }
        outbox.send(new OutboxEntry(messageId, Channel.GP, mailbox, type(message.kind()), episodeId, message.bundle(),
                Map.of(OutboundMessage.MESH_WORKFLOW_ID, TransferOfCareProcess.WORKFLOW_ID,
                        OutboundMessage.SUBJECT, subject(message.kind()),
                        MeshRoute.FILE_NAME, messageId + ".json")));
        records.messageSent(messageId, mailbox);
    }

    /**
     * Tells the practice that was sent the episode's summary that the discharge was cancelled, through the same mailbox.
     *
     * @return the cancellation's message id, or null when no summary was sent
     */
    String cancellation(Transfer transfer, String reason) {
        TransferRecords.StoredMessage sent = records.lastSentSummary(transfer.episodeId()).orElse(null);
        if (sent == null) {
            return null;
        }
        String id = EDischargeMessages.uuid("toc-cancellation:" + sent.id());
        Built built = build(new EDischargeMessages.Request(id, Kind.CANCELLATION, transfer.discharge(),
                transfer.summary(), EDischargeMessages.documentId(sent.id()), reason, clock.instant()));
        if (!built.valid()) {
            throw new IllegalStateException("The cancellation notice failed validation: " + built.errors());
        }
        send(id, sent.gpMailbox(), transfer.episodeId());
        return id;
    }

    private Built build(EDischargeMessages.Request request) {
        String json = messages.json(messages.build(request));
        List<String> errors = validation.errors(json);
        records.storeMessage(request.messageId(), request.discharge().episodeId(), request.kind(), json, errors);
        return new Built(request.messageId(), errors);
    }

    private static String type(Kind kind) {
        return switch (kind) {
            case SUMMARY -> "DischargeSummaryIssued";
            case ADDENDUM -> "DischargeSummaryResultsAddendum";
            case CANCELLATION -> "DischargeSummaryWithdrawn";
        };
    }

    /** MESH metadata is not encrypted content: no patient identifiers in the subject. */
    private static String subject(Kind kind) {
        return switch (kind) {
            case SUMMARY -> "Inpatient discharge summary";
            case ADDENDUM -> "Inpatient discharge summary: results addendum";
            case CANCELLATION -> "Inpatient discharge summary withdrawn: discharge cancelled";
        };
    }
}
