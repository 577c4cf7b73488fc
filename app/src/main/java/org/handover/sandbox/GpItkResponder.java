package org.handover.sandbox;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.handover.sandbox.MeshMailboxes.Mailbox;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.MessageHeader;
import org.hl7.fhir.dstu3.model.OperationOutcome;
import org.hl7.fhir.dstu3.model.Reference;

/**
 * Plays the GP practice's system answering an ITK3 message it received: an ITK008M response (FHIR STU3 message
 * Bundle: MessageHeader with response.identifier = the answered MessageHeader id and response.code, and an
 * OperationOutcome carrying the ITK response code), sent from the practice's mailbox to the sender over MESH on the
 * message's workflow with {@code _ACK}. A business acknowledgement also acknowledges the original in MESH, as a GP
 * system does once it has downloaded it.
 */
class GpItkResponder {

    static final String RESPONSE_CODES = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-ResponseCodes-1";
    private static final String EVENT_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-MessageEvent-2";

    /**
     * @param business true for the business response (codes 3xxxx), false for the infrastructure one (1xxxx, 2xxxx)
     * @param code     the ITK3 response code; defaults: 30001 / 20013 positive, 30002 / 10001 negative
     */
    record Answer(boolean business, boolean positive, String code, String text) {
    }

    private final MeshPostOffice postOffice;
    private final MeshStore store;
    private final MeshMailboxes mailboxes;
    private final Clock clock;
    private final FhirContext fhir = FhirContext.forDstu3Cached();

    GpItkResponder(MeshPostOffice postOffice, MeshStore store, MeshMailboxes mailboxes, Clock clock) {
        this.postOffice = postOffice;
        this.store = store;
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    /** @return the MESH id of the response */
    String respond(Mailbox practice, MeshMessage original, Answer answer) {
        if (original.type() != MeshMessage.Type.DATA || !original.recipient().equals(practice.id())) {
            throw new IllegalArgumentException("message " + original.id() + " is not a message in " + practice.id());
        }
        byte[] received = store.body(original.id());
        Bundle message;
        try {
            message = fhir.newJsonParser().parseResource(Bundle.class, new String(received, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("message " + original.id() + " is not a FHIR STU3 message Bundle");
        }
        MessageHeader answered = message.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MessageHeader.class::isInstance).map(MessageHeader.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("message " + original.id() + " has no MessageHeader"));
        String code = answer.code() != null && !answer.code().isBlank() ? answer.code().strip()
                : answer.business() ? (answer.positive() ? "30001" : "30002") : (answer.positive() ? "20013" : "10001");
        String text = answer.text() != null && !answer.text().isBlank() ? answer.text().strip()
                : answer.positive() ? "Success" : "Rejected by the GP practice (sandbox)";

        String id = UUID.randomUUID().toString();
        String outcomeId = UUID.randomUUID().toString();
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId(outcomeId);
        outcome.addIssue().setSeverity(answer.positive() ? OperationOutcome.IssueSeverity.INFORMATION
                        : OperationOutcome.IssueSeverity.FATAL)
                .setCode(answer.positive() ? OperationOutcome.IssueType.INFORMATIONAL
                        : OperationOutcome.IssueType.PROCESSING)
                .setDetails(new CodeableConcept(new Coding(RESPONSE_CODES, code, text)));
        MessageHeader header = new MessageHeader();
        header.setId(id);
        header.setEvent(new Coding(EVENT_SYSTEM, "ITK008M", "ITK Response"));
        header.setTimestamp(Date.from(clock.instant()));
        header.setSource(new MessageHeader.MessageSourceComponent()
                .setEndpoint("urn:nhs-uk:addressing:ods:" + practice.odsCode()));
        header.addDestination().setEndpoint(answered.getSource().getEndpoint());
        header.setResponse(new MessageHeader.MessageHeaderResponseComponent()
                .setIdentifier(answered.getIdElement().getIdPart().replaceFirst("^urn:uuid:", ""))
                .setCode(answer.positive() ? MessageHeader.ResponseType.OK : MessageHeader.ResponseType.FATALERROR)
                .setDetails(new Reference("urn:uuid:" + outcomeId)));
        Bundle response = new Bundle();
        response.setId(id);
        response.setType(Bundle.BundleType.MESSAGE);
        response.addEntry().setFullUrl("urn:uuid:" + id).setResource(header);
        response.addEntry().setFullUrl("urn:uuid:" + outcomeId).setResource(outcome);
        byte[] body = fhir.newJsonParser().encodeResourceToString(response).getBytes(StandardCharsets.UTF_8);

        MeshPostOffice.Sent sent = postOffice.send(practice, new MeshPostOffice.Outgoing(original.sender(),
                original.workflowId() + "_ACK", "ITK response", id, id + ".json", "application/fhir+json", null, null,
                false, false), body);
        if (answer.business()) {
            postOffice.acknowledge(practice, original);
        }
        return sent.messageId();
    }

    Mailbox practice(String mailboxId) {
        return mailboxes.find(mailboxId)
                .filter(mailbox -> !mailbox.trust())
                .orElseThrow(() -> new IllegalArgumentException("unknown GP mailbox '" + mailboxId + "'"));
    }
}
