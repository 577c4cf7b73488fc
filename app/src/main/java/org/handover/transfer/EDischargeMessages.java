package org.handover.transfer;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.handover.encounter.PatientDischarged;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.Composition;
import org.hl7.fhir.dstu3.model.Encounter;
import org.hl7.fhir.dstu3.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.dstu3.model.Extension;
import org.hl7.fhir.dstu3.model.HumanName;
import org.hl7.fhir.dstu3.model.Identifier;
import org.hl7.fhir.dstu3.model.MessageHeader;
import org.hl7.fhir.dstu3.model.Narrative;
import org.hl7.fhir.dstu3.model.Organization;
import org.hl7.fhir.dstu3.model.Patient;
import org.hl7.fhir.dstu3.model.Period;
import org.hl7.fhir.dstu3.model.Practitioner;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.Resource;
import org.hl7.fhir.dstu3.model.StringType;
import org.hl7.fhir.dstu3.model.BooleanType;
import org.hl7.fhir.dstu3.model.Address;

/**
 * Builds ITK3 eDischarge messages (FHIR STU3): a message Bundle with the MessageHeader (event ITK003D, handling
 * asking for business and infrastructure acknowledgements), the sending and receiving Organizations, and the document
 * Bundle (Composition with one section per PRSB heading, Patient with NHS number, Encounter, Practitioner,
 * Organizations). The same shape carries the results addendum (a new document that appends to the summary) and the
 * cancellation notice (a document entered in error that replaces it). Ids derive from the message id, so building the
 * same message twice gives the same bundle.
 */
final class EDischargeMessages {

    static final String ITK_EVENT_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-MessageEvent-2";
    static final String DISCHARGE_EVENT = "ITK003D";
    static final String HANDLING_EXTENSION = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ITK-MessageHandling-2";
    static final String RECIPIENT_TYPE_SYSTEM = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-RecipientType-1";
    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String UUID_SYSTEM = "https://tools.ietf.org/html/rfc4122";
    static final String SNOMED = "http://snomed.info/sct";
    static final String DISCHARGE_DISPOSITION_SYSTEM = "http://hl7.org/fhir/discharge-disposition";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm");

    enum Kind { SUMMARY, ADDENDUM, CANCELLATION }

    /**
     * @param relatedDocumentId for an addendum or cancellation: the summary's document id
     * @param note              the results (addendum) or the reason (cancellation)
     */
    record Request(String messageId, Kind kind, PatientDischarged discharge, DischargeSummary summary,
            String relatedDocumentId, String note, Instant at) {
    }

    private final FhirContext fhir;
    private final String trustName;
    private final String trustOds;
    private final String trustMailbox;
    private final ZoneId zone;

    EDischargeMessages(FhirContext fhir, String trustName, String trustOds, String trustMailbox, ZoneId zone) {
        this.fhir = fhir;
        this.trustName = trustName;
        this.trustOds = trustOds;
        this.trustMailbox = trustMailbox;
        this.zone = zone;
    }

    static String documentId(String messageId) {
        return uuid("document:" + messageId);
    }

    Bundle build(Request request) {
        PatientDischarged d = request.discharge();
        String key = request.messageId();
        Organization trust = organization(uuid("trust:" + key), trustOds, trustName);
        Organization gp = organization(uuid("gp:" + key), d.gpPracticeOds(), "GP practice " + d.gpPracticeOds());
        Patient patient = patient(uuid("patient:" + key), d, gp);
        Practitioner author = practitioner(uuid("author:" + key), request);
        Encounter encounter = encounter(uuid("encounter:" + key), d, patient, trust);
        Composition composition = composition(uuid("composition:" + key), request, patient, encounter, author, trust);

        Bundle document = new Bundle();
        document.setId(documentId(key));
        document.setType(Bundle.BundleType.DOCUMENT);
        // STU3 has no Bundle.timestamp: the validator takes a document's date from meta.lastUpdated.
        document.getMeta().setLastUpdated(Date.from(request.at()));
        document.setIdentifier(new Identifier().setSystem(UUID_SYSTEM).setValue(documentId(key)));
        for (Resource resource : List.of(composition, patient, encounter, author, trust, gp)) {
            add(document, resource);
        }

        Organization sender = organization(uuid("sender:" + key), trustOds, trustName);
        Organization receiver = organization(uuid("receiver:" + key), d.gpPracticeOds(), "GP practice " + d.gpPracticeOds());
        MessageHeader header = new MessageHeader();
        header.setId(key);
        header.addExtension(handling());
        header.setEvent(new Coding(ITK_EVENT_SYSTEM, DISCHARGE_EVENT, "ITK eDischarge"));
        header.setTimestamp(Date.from(request.at()));
        header.setSender(reference(sender));
        header.setReceiver(reference(receiver));
        header.setSource(new MessageHeader.MessageSourceComponent().setEndpoint("urn:nhs-uk:addressing:ods:" + trustOds)
                .setName(trustMailbox));
        header.addDestination().setEndpoint("urn:nhs-uk:addressing:ods:" + d.gpPracticeOds());
        header.addFocus(new Reference("urn:uuid:" + documentId(key)));

        Bundle message = new Bundle();
        message.setId(key);
        message.setType(Bundle.BundleType.MESSAGE);
        message.getMeta().setLastUpdated(Date.from(request.at()));
        message.setIdentifier(new Identifier().setSystem(UUID_SYSTEM).setValue(key));
        message.addEntry().setFullUrl("urn:uuid:" + key).setResource(header);
        add(message, sender);
        add(message, receiver);
        message.addEntry().setFullUrl("urn:uuid:" + documentId(key)).setResource(document);
        return message;
    }

    String json(Bundle bundle) {
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    private Composition composition(String id, Request request, Patient patient, Encounter encounter,
            Practitioner author, Organization trust) {
        Composition composition = new Composition();
        composition.setId(id);
        composition.setIdentifier(new Identifier().setSystem(UUID_SYSTEM).setValue(id));
        composition.setType(new CodeableConcept(new Coding(SNOMED, "373942005", "Discharge summary")));
        composition.setSubject(reference(patient));
        composition.setEncounter(reference(encounter));
        composition.setDate(Date.from(request.at()));
        composition.addAuthor(reference(author));
        composition.setCustodian(reference(trust));
        DischargeSummary s = request.summary();
        switch (request.kind()) {
            case SUMMARY -> {
                composition.setStatus(Composition.CompositionStatus.FINAL);
                composition.setTitle("Discharge summary");
                section(composition, "Plan and requested actions for the GP", s.gpActions());
                section(composition, "Diagnoses", s.diagnoses());
                if (!s.procedures().isEmpty()) {
                    section(composition, "Procedures", s.procedures());
                }
                section(composition, "Clinical summary", List.of(s.clinicalSummary()));
                section(composition, "Medications and medical devices", s.medications());
                section(composition, "Allergies and adverse reactions", s.allergies());
                section(composition, "Information given to the patient", List.of(s.patientInformation()));
                section(composition, "Investigation results pending",
                        List.of(Boolean.TRUE.equals(s.resultsPending()) ? "Yes: results will follow as an addendum"
                                : "No"));
                section(composition, "Person completing record", List.of(s.completedBy()));
                section(composition, "Admission and discharge details", stayLines(request.discharge()));
            }
            case ADDENDUM -> {
                composition.setStatus(Composition.CompositionStatus.FINAL);
                composition.setTitle("Discharge summary addendum: results");
                relatesTo(composition, Composition.DocumentRelationshipType.APPENDS, request.relatedDocumentId());
                section(composition, "Investigation results", List.of(request.note()));
                section(composition, "Person completing record", List.of(s.completedBy()));
            }
            case CANCELLATION -> {
                composition.setStatus(Composition.CompositionStatus.ENTEREDINERROR);
                composition.setTitle("Discharge summary withdrawn: discharge cancelled");
                relatesTo(composition, Composition.DocumentRelationshipType.REPLACES, request.relatedDocumentId());
                section(composition, "Discharge cancelled", List.of("The hospital cancelled this discharge ("
                        + (request.note() == null ? "no reason given" : request.note()) + "). Please disregard the "
                        + "discharge summary sent for this episode; a new one follows if the patient is discharged."));
            }
        }
        return composition;
    }

    private List<String> stayLines(PatientDischarged d) {
        return List.of("Ward: " + orNotGiven(d.ward()), "Specialty: " + orNotGiven(d.specialty()),
                "Responsible consultant: " + orNotGiven(d.consultant()),
                "Admitted: " + (d.admittedAt() == null ? "not given" : WHEN.format(d.admittedAt().atZone(zone))),
                "Discharged: " + (d.dischargedAt() == null ? "not given" : WHEN.format(d.dischargedAt().atZone(zone))),
                "Discharge method: " + (d.diedInHospital() ? "the patient died in hospital" : "discharged alive"));
    }

    private static void relatesTo(Composition composition, Composition.DocumentRelationshipType type, String documentId) {
        if (documentId != null) {
            composition.addRelatesTo().setCode(type)
                    .setTarget(new Identifier().setSystem(UUID_SYSTEM).setValue(documentId));
        }
    }

    private static void section(Composition composition, String title, List<String> items) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        if (items.size() == 1) {
            div.append("<p>").append(escape(items.get(0))).append("</p>");
        } else {
            div.append("<ul>");
            items.forEach(item -> div.append("<li>").append(escape(item)).append("</li>"));
            div.append("</ul>");
        }
        div.append("</div>");
        Narrative text = new Narrative();
        text.setStatus(Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString(div.toString());
        composition.addSection().setTitle(title).setText(text);
    }

    private static Patient patient(String id, PatientDischarged d, Organization gp) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(NHS_NUMBER_SYSTEM).setValue(d.nhsNumber());
        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL);
        if (d.familyName() != null) {
            name.setFamily(d.familyName());
        }
        if (d.givenName() != null) {
            name.addGiven(d.givenName());
        }
        if (d.birthDate() != null) {
            patient.setBirthDate(java.sql.Date.valueOf(d.birthDate()));
        }
        if (d.addressLine() != null || d.postcode() != null) {
            Address address = patient.addAddress().setUse(Address.AddressUse.HOME);
            if (d.addressLine() != null) {
                address.addLine(d.addressLine());
            }
            if (d.postcode() != null) {
                address.setPostalCode(d.postcode());
            }
        }
        patient.setGender(AdministrativeGender.UNKNOWN);
        if (d.diedInHospital()) {
            patient.setDeceased(new BooleanType(true));
        }
        patient.addGeneralPractitioner(reference(gp));
        return patient;
    }

    private static Practitioner practitioner(String id, Request request) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(id);
        String completedBy = request.summary() == null ? null : request.summary().completedBy();
        String name = completedBy != null ? completedBy : request.discharge().consultant();
        practitioner.addName().setText(name == null ? "Discharging clinician" : name);
        return practitioner;
    }

    private static Encounter encounter(String id, PatientDischarged d, Patient patient, Organization trust) {
        Encounter encounter = new Encounter();
        encounter.setId(id);
        encounter.addIdentifier().setSystem("https://fhir.nhs.uk/Id/episode").setValue(d.episodeId());
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://hl7.org/fhir/v3/ActCode", "IMP", "inpatient encounter"));
        encounter.setSubject(reference(patient));
        Period period = new Period();
        if (d.admittedAt() != null) {
            period.setStart(Date.from(d.admittedAt()));
        }
        if (d.dischargedAt() != null) {
            period.setEnd(Date.from(d.dischargedAt()));
        }
        encounter.setPeriod(period);
        if (d.diedInHospital()) {
            encounter.getHospitalization().setDischargeDisposition(new CodeableConcept(
                    new Coding(DISCHARGE_DISPOSITION_SYSTEM, "exp", "Expired")));
        }
        encounter.setServiceProvider(reference(trust));
        return encounter;
    }

    private static Organization organization(String id, String ods, String name) {
        Organization organization = new Organization();
        organization.setId(id);
        organization.addIdentifier().setSystem(ODS_SYSTEM).setValue(ods);
        organization.setName(name);
        return organization;
    }

    private static Extension handling() {
        Extension handling = new Extension(HANDLING_EXTENSION);
        handling.addExtension(new Extension("BusAckRequested", new BooleanType(true)));
        handling.addExtension(new Extension("InfAckRequested", new BooleanType(true)));
        handling.addExtension(new Extension("RecipientType", new Coding(RECIPIENT_TYPE_SYSTEM, "FA", "For Action")));
        handling.addExtension(new Extension("SenderReference", new StringType("None")));
        handling.addExtension(new Extension("LocalExtension", new StringType("None")));
        return handling;
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl("urn:uuid:" + resource.getIdElement().getIdPart()).setResource(resource);
    }

    private static Reference reference(Resource resource) {
        return new Reference("urn:uuid:" + resource.getIdElement().getIdPart());
    }

    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String orNotGiven(String value) {
        return value == null || value.isBlank() ? "not given" : value;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
