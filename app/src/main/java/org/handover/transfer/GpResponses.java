package org.handover.transfer;

import static org.handover.processes.transfer.TransferOfCareProcess.Variables.AWAITING_MESSAGE_ID;
import static org.handover.processes.transfer.TransferOfCareProcess.Variables.DELIVERY_PROBLEM;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.handover.domain.StorableText;
import org.handover.processes.transfer.TransferOfCareProcess;
import org.handover.quarantine.Quarantine;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.DeliveryReceipts.ReceiptKind;
import org.handover.routes.mesh.MeshInbox;
import org.handover.routes.mesh.MeshInboundMessage;
import org.handover.transfer.EDischargeMessages.Kind;
import org.handover.transfer.TransferRecords.StoredMessage;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.MessageHeader;
import org.hl7.fhir.dstu3.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads what the MESH inbox poll brings: ITK3 responses (ITK008M on TOC_FHIR_IP_DISCH_ACK) and MESH error reports.
 * Each is stored in {@code mesh_inbound_message} (a repeat by MESH id is ignored), recorded against the message it
 * answers, told to the delivery ledger, and correlated to the waiting process by the answered message id: a positive
 * business acknowledgement completes the summary, an infrastructure acknowledgement only records delivery, a negative
 * acknowledgement or an error report opens "Resolve GP delivery problem". Anything else is quarantined, then
 * acknowledged in MESH so it does not block the inbox.
 */
@Component
class GpResponses implements MeshInbox {

    static final String RESPONSE_EVENT = "ITK008M";
    static final String RESPONSE_CODES = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-ResponseCodes-1";
    private static final Logger log = LoggerFactory.getLogger(GpResponses.class);

    private final JdbcTemplate jdbc;
    private final TransferRecords records;
    private final RuntimeService runtimeService;
    private final DeliveryReceipts receipts;
    private final Quarantine quarantine;
    private final TransferOfCareMetrics metrics;
    private final Clock clock;
    private final FhirContext fhir = FhirContext.forDstu3Cached();

    GpResponses(JdbcTemplate jdbc, TransferRecords records, RuntimeService runtimeService, DeliveryReceipts receipts,
            Quarantine quarantine, TransferOfCareMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.runtimeService = runtimeService;
        this.receipts = receipts;
        this.quarantine = quarantine;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** An ITK3 response as read from its bundle. */
    record ItkResponse(String answersMessageId, boolean positive, boolean business, String code, String text) {
    }

    @Override
    @Transactional
    public void received(MeshInboundMessage message) {
        try {
            jdbc.update("""
                    insert into mesh_inbound_message (mesh_message_id, message_type, workflow_id, sender, local_id,
                        linked_message_id, status_code, status_description, body, outcome, received_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, StorableText.of(message.meshMessageId()), StorableText.of(String.valueOf(message.messageType())),
                    StorableText.of(message.workflowId()), StorableText.of(message.from()),
                    StorableText.of(message.localId()), StorableText.of(message.linkedMessageId()),
                    StorableText.of(message.statusCode()),
                    StorableText.of(TransferRecords.clip(message.statusDescription(), 1000)),
                    StorableText.of(message.body()), "received",
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException repeat) {
            log.info("MESH message {} was already received; acknowledging it again", message.meshMessageId());
            return;
        }
        String outcome = message.isReport() ? errorReport(message) : data(message);
        jdbc.update("update mesh_inbound_message set outcome = ? where mesh_message_id = ?",
                StorableText.of(TransferRecords.clip(outcome, 1000)), StorableText.of(message.meshMessageId()));
    }

    private String errorReport(MeshInboundMessage report) {
        String problem = "MESH could not deliver the message: " + report.statusCode() + " "
                + (report.statusDescription() == null ? "" : report.statusDescription()).strip();
        if (report.linkedMessageId() != null) {
            receipts.undeliverable(Channel.GP, report.linkedMessageId(), problem);
        }
        Optional<StoredMessage> ours = Optional.ofNullable(report.localId()).flatMap(records::message)
                .or(() -> Optional.ofNullable(report.linkedMessageId()).flatMap(this::byMeshId));
        if (ours.isEmpty()) {
            return "error report about a message that is not a transfer of care: recorded in the delivery ledger";
        }
        StoredMessage sent = ours.get();
        if (records.response(sent.id(), "ERROR_REPORT", problem)) {
            correlate(TransferOfCareProcess.Messages.GP_REJECTED, sent, problem);
        }
        return "error report for " + sent.id() + " (episode " + sent.episodeId() + ")";
    }

    private String data(MeshInboundMessage message) {
        if (!TransferOfCareProcess.ACK_WORKFLOW_ID.equals(message.workflowId())) {
            String id = quarantine.keep("mesh-inbox", "MESH message " + message.meshMessageId() + " on workflow "
                    + message.workflowId() + ": Handover has no reader for this workflow", message.body());
            return "quarantined " + id + ": no reader for workflow " + message.workflowId();
        }
        ItkResponse response;
        try {
            response = parse(message.body());
        } catch (IllegalArgumentException | DataFormatException | ClassCastException e) {
            String id = quarantine.keep("mesh-inbox", "Unreadable ITK3 response in MESH message "
                    + message.meshMessageId() + ": " + e.getMessage(), message.body());
            return "quarantined " + id + ": " + e.getMessage();
        }
        Optional<StoredMessage> answered = records.message(response.answersMessageId());
        if (answered.isEmpty()) {
            String id = quarantine.keep("mesh-inbox", "ITK3 response to unknown message " + response.answersMessageId(),
                    message.body());
            return "quarantined " + id + ": answers unknown message " + response.answersMessageId();
        }
        StoredMessage sent = answered.get();
        String detail = response.code() + (response.text() == null ? "" : " " + response.text());
        if (!response.positive()) {
            String problem = "The GP practice's system refused the message (" + (response.business() ? "business"
                    : "infrastructure") + " response " + detail.strip() + ").";
            receipts.receivedForMessage(Channel.GP, sent.id(), ReceiptKind.UNDELIVERABLE, problem);
            if (records.response(sent.id(), "NEGATIVE_ACK", problem)) {
                correlate(TransferOfCareProcess.Messages.GP_REJECTED, sent, problem);
            }
            return "negative acknowledgement of " + sent.id() + " (episode " + sent.episodeId() + ")";
        }
        if (!response.business()) {
            receipts.receivedForMessage(Channel.GP, sent.id(), ReceiptKind.DELIVERED,
                    "ITK infrastructure acknowledgement " + detail);
            if ("BUSINESS_ACK".equals(sent.response())) {
                return "infrastructure acknowledgement of " + sent.id() + " after its business acknowledgement";
            }
            records.response(sent.id(), "INFRASTRUCTURE_ACK", detail);
            return "infrastructure acknowledgement of " + sent.id() + " (episode " + sent.episodeId() + ")";
        }
        receipts.receivedForMessage(Channel.GP, sent.id(), ReceiptKind.ACKNOWLEDGED, detail);
        if (records.response(sent.id(), "BUSINESS_ACK", detail)) {
            if (sent.kind() == Kind.SUMMARY) {
                records.summaryReceived(sent.episodeId(), TransferRecords.Status.ACKNOWLEDGED);
                metrics.summaryReceived(sent.episodeId());
            }
            correlate(TransferOfCareProcess.Messages.GP_ACKNOWLEDGED, sent, null);
        }
        return "business acknowledgement of " + sent.id() + " (episode " + sent.episodeId() + ")";
    }

    ItkResponse parse(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty body");
        }
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, body);
        MessageHeader header = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MessageHeader.class::isInstance).map(MessageHeader.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no MessageHeader in the bundle"));
        if (!RESPONSE_EVENT.equals(header.getEvent().getCode())) {
            throw new IllegalArgumentException("event " + header.getEvent().getCode() + " is not " + RESPONSE_EVENT);
        }
        if (!header.hasResponse() || !header.getResponse().hasIdentifier() || !header.getResponse().hasCode()) {
            throw new IllegalArgumentException("MessageHeader.response with identifier and code is required");
        }
        Optional<Coding> coding = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(OperationOutcome.class::isInstance).map(OperationOutcome.class::cast)
                .flatMap(outcome -> outcome.getIssue().stream())
                .flatMap(issue -> issue.getDetails().getCoding().stream())
                .filter(c -> RESPONSE_CODES.equals(c.getSystem())).findFirst();
        String code = coding.map(Coding::getCode).orElse("");
        boolean positive = header.getResponse().getCode() == MessageHeader.ResponseType.OK;
        // ITK3 response codes: prefixes 1 and 2 answer InfAckRequested, prefix 3 BusAckRequested.
        // A parsed bundle gives entries their fullUrl as id; the answered id may come either way.
        return new ItkResponse(header.getResponse().getIdentifier().replaceFirst("^urn:uuid:", ""), positive, code.startsWith("3"), code,
                coding.map(Coding::getDisplay).orElse(null));
    }

    private void correlate(String messageName, StoredMessage sent, String problem) {
        var correlation = runtimeService.createMessageCorrelation(messageName)
                .processInstanceBusinessKey(sent.episodeId())
                .processInstanceVariableEquals(AWAITING_MESSAGE_ID, sent.id());
        if (problem != null) {
            correlation.setVariable(DELIVERY_PROBLEM, problem);
        }
        if (correlation.correlateAllWithResult().isEmpty()) {
            log.info("{} for message {} (episode {}): no process waits for it any more", messageName, sent.id(),
                    sent.episodeId());
        }
    }

    private Optional<StoredMessage> byMeshId(String meshId) {
        List<String> ids = jdbc.queryForList("select id from outbox_message where channel = ? and remote_id = ?",
                String.class, Channel.GP.id(), meshId);
        return ids.isEmpty() ? Optional.empty() : records.message(ids.get(0));
    }
}
