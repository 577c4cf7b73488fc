package org.handover.chc;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.handover.domain.NhsNumber;
import org.handover.routes.delivery.OutboundMessage;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/** The FHIR R4 messages a case sends over MESH (to the GP practice, a council, the ICB) and their MESH attributes. */
@Component
class ChcMessages {

    static final String EVENT_SYSTEM = "https://handover.org/fhir/CodeSystem/chc-event";
    static final String PDF = "application/pdf";

    private final Clock clock;
    private final FhirContext fhir = FhirContext.forR4Cached();

    ChcMessages(Clock clock) {
        this.clock = clock;
    }

    static Map<String, String> meshAttributes(String workflowId, String title, ChcCase c) {
        return Map.of(OutboundMessage.MESH_WORKFLOW_ID, workflowId,
                OutboundMessage.SUBJECT, title + " (CHC case " + c.id() + ")");
    }

    /** A FHIR R4 message: MessageHeader (event = type) focused on a DocumentReference carrying the PDF. */
    String fhirMessage(ChcCase c, String type, String title, String text, byte[] pdf, String fileName,
            String receiverOds) {
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.MESSAGE);
        bundle.setId(UUID.randomUUID().toString());
        bundle.setTimestamp(Date.from(clock.instant()));
        DocumentReference document = new DocumentReference();
        document.setId(UUID.randomUUID().toString());
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setDescription(title + ". " + text);
        document.setDate(Date.from(clock.instant()));
        document.setSubject(new Reference().setIdentifier(new Identifier().setSystem(NhsNumber.FHIR_SYSTEM)
                .setValue(c.nhsNumber())).setDisplay(c.patientName()));
        document.addIdentifier().setSystem("https://handover.org/fhir/Id/chc-case").setValue(c.id());
        document.addContent().setAttachment(new Attachment().setContentType(PDF).setTitle(fileName).setData(pdf));
        MessageHeader header = new MessageHeader();
        header.setId(UUID.randomUUID().toString());
        header.setEvent(new Coding(EVENT_SYSTEM, type, title));
        header.setSource(new MessageHeader.MessageSourceComponent().setName("Handover").setEndpoint("urn:handover"));
        header.addDestination().setEndpoint("urn:ods:" + receiverOds).setReceiver(new Reference().setIdentifier(
                new Identifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue(receiverOds)));
        header.addFocus(new Reference("urn:uuid:" + document.getId()));
        bundle.addEntry().setFullUrl("urn:uuid:" + header.getId()).setResource(header);
        bundle.addEntry().setFullUrl("urn:uuid:" + document.getId()).setResource(document);
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }
}
