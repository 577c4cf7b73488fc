package org.handover.referral;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.handover.domain.InvalidNhsNumberException;
import org.handover.domain.NhsNumber;
import org.handover.fhir.FhirFormat;
import org.handover.fhir.FhirProblem.Issue;
import org.handover.fhir.FhirProblem;
import org.handover.fhir.StrictFhirParser;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Reads a GP's FHIR R4 ServiceRequest (JSON or XML) into a {@link NewReferral}, or refuses it with every problem
 * found, each naming its element as a FHIRPath. The conventions it expects are described in {@code package-info}.
 *
 * <p>Parsing is strict: an element R4 does not define, a list where one value belongs, an invalid code or date, or a
 * {@code #id} reference to nothing contained is refused (400). A wrong NHS number alone gets 422.
 */
final class ServiceRequestMapper {

    static final String UBRN_SYSTEM = "https://fhir.nhs.uk/Id/UBRN";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    static final String UBRN_PATH = "ServiceRequest.identifier.where(system='" + UBRN_SYSTEM + "')";
    static final String PATIENT = "ServiceRequest.subject.resolve()";
    static final String ROLE = "ServiceRequest.requester.resolve()";
    private static final String NHS_WHERE = ".identifier.where(system='" + NhsNumber.FHIR_SYSTEM + "')";

    private final FhirContext context;
    private final ZoneId zone;

    ServiceRequestMapper(FhirContext context, ZoneId zone) {
        this.context = context;
        this.zone = zone;
    }

    ServiceRequestMapper() {
        this(FhirContext.forR4Cached(), ZoneId.of("Europe/London"));
    }

    /**
     * Parses and validates; throws {@link FhirProblem} (400 or 422) with every problem found. A JSON body that passed
     * the strict parse is kept as it came: encoding it again cost more CPU than parsing it (ops/README.md).
     */
    NewReferral read(String body, FhirFormat format) {
        return map(parse(body, format), format == FhirFormat.JSON ? body : null);
    }

    /** Strict parse: unknown elements, bad values and dangling {@code #id} references are refused (400). */
    ServiceRequest parse(String body, FhirFormat format) {
        return new StrictFhirParser(context).parse(ServiceRequest.class, body, format);
    }

    /** Validates the mandatory data and extracts it; throws {@link FhirProblem} with every problem found. */
    NewReferral map(ServiceRequest request) {
        return map(request, null);
    }

    /** As {@link #map(ServiceRequest)}; {@code receivedJson} is the request as it came, or null to encode it. */
    private NewReferral map(ServiceRequest request, String receivedJson) {
        Problems problems = new Problems();
        if (request.hasModifierExtension()) {
            problems.add(new Issue(IssueType.NOTSUPPORTED, "Handover does not understand modifier extensions and so "
                    + "cannot act on this ServiceRequest safely", List.of("ServiceRequest.modifierExtension")));
        }
        if (request.getStatus() == null) {
            problems.add(Issue.required("ServiceRequest.status is required: a referral is sent as active",
                    "ServiceRequest.status"));
        } else if (request.getStatus() != ServiceRequest.ServiceRequestStatus.ACTIVE) {
            problems.add(Issue.invalid("A referral is sent with status active, not " + request.getStatus().toCode(),
                    "ServiceRequest.status"));
        }
        if (request.getIntent() == null) {
            problems.add(Issue.required("ServiceRequest.intent is required (e.g. order)", "ServiceRequest.intent"));
        }
        String ubrn = ubrn(request, problems);
        Patient patient = patient(request, problems);
        String nhsNumber = nhsNumber(request, patient, problems);
        String patientName = null;
        LocalDate birthDate = null;
        String mobile = null;
        String address = null;
        if (patient != null) {
            patientName = patientName(patient, problems);
            birthDate = birthDate(patient, problems);
            mobile = mobile(patient, problems);
            address = address(patient);
        }
        Requester requester = requester(request, problems);
        Coding specialty = specialty(request, problems);
        ReferralPriority priority = priority(request, problems);
        String reason = reason(request, problems);
        List<String> clinical = new ArrayList<>();
        List<ReferralRecord.Attachment> attachments = new ArrayList<>();
        for (Annotation note : request.getNote()) {
            if (note.hasText() && !note.getText().isBlank()) {
                clinical.add(note.getText().strip());
            }
        }
        supportingInfo(request, clinical, attachments, problems);
        if (clinical.isEmpty()) {
            problems.add(Issue.required("A referral needs clinical information for triage: ServiceRequest.note text "
                    + "and/or supportingInfo with a display", "ServiceRequest.note", "ServiceRequest.supportingInfo"));
        }
        problems.throwIfAny();
        return new NewReferral(ubrn, nhsNumber, patientName, birthDate, mobile, address, requester.ods(),
                requester.clinician(), specialty.getCode().strip(), display(specialty, request.getCode()), priority,
                reason, String.join("\n", clinical), attachments,
                receivedJson != null ? receivedJson : context.newJsonParser().encodeResourceToString(request));
    }

    // --- UBRN ---

    private static String ubrn(ServiceRequest request, Problems problems) {
        List<Identifier> ubrns = request.getIdentifier().stream().filter(i -> UBRN_SYSTEM.equals(i.getSystem())).toList();
        if (ubrns.isEmpty()) {
            problems.add(Issue.required("A referral needs its UBRN: an identifier with system " + UBRN_SYSTEM
                    + " and the 12-digit Unique Booking Reference Number as value", UBRN_PATH));
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        for (Identifier identifier : ubrns) {
            if (!identifier.hasValue() || identifier.getValue().isBlank()) {
                problems.add(Issue.required("The UBRN identifier has no value", UBRN_PATH + ".value"));
                return null;
            }
            String digits = identifier.getValue().strip().replaceAll("[ -]", "");
            if (!digits.matches("\\d{12}")) {
                problems.add(Issue.invalid("The UBRN must be 12 digits"
                        + (digits.matches("\\d*") ? ", not " + digits.length() : ""), UBRN_PATH + ".value"));
                return null;
            }
            values.add(digits);
        }
        if (values.size() > 1) {
            problems.add(Issue.invalid("The ServiceRequest carries more than one UBRN: a referral has exactly one",
                    UBRN_PATH));
            return null;
        }
        return values.iterator().next();
    }

    // --- patient ---

    private static Patient patient(ServiceRequest request, Problems problems) {
        if (!request.hasSubject()) {
            problems.add(Issue.required("A referral needs the patient: subject referring to a contained Patient (#id) "
                    + "with the NHS number (identifier system " + NhsNumber.FHIR_SYSTEM + "), name and birthDate",
                    "ServiceRequest.subject"));
            return null;
        }
        Reference subject = request.getSubject();
        if (subject.getResource() instanceof Patient patient) {
            return patient;
        }
        if (subject.getResource() != null) {
            problems.add(Issue.invalid("The subject of a referral is a Patient, not a "
                    + subject.getResource().fhirType(), "ServiceRequest.subject"));
        } else if (subject.hasReference()) {
            problems.add(Issue.invalid("Handover does not fetch '" + subject.getReference() + "': contain the Patient "
                    + "in the ServiceRequest and refer to it as #id", "ServiceRequest.subject.reference"));
        } else {
            // Only an identifier: the NHS number may be there, but not the birth date that routing needs.
            problems.add(Issue.required("Handover needs the patient's name and birth date (routing depends on age): "
                    + "contain the Patient, with name and birthDate, and refer to it from subject as #id",
                    "ServiceRequest.subject"));
        }
        return null;
    }

    private static String nhsNumber(ServiceRequest request, Patient patient, Problems problems) {
        List<Candidate> candidates = new ArrayList<>();
        Identifier onReference = request.getSubject().getIdentifier();
        if (NhsNumber.FHIR_SYSTEM.equals(onReference.getSystem())) {
            candidates.add(new Candidate(onReference.getValue(), "ServiceRequest.subject.identifier.value"));
        }
        if (patient != null) {
            for (Identifier identifier : patient.getIdentifier()) {
                if (NhsNumber.FHIR_SYSTEM.equals(identifier.getSystem())) {
                    candidates.add(new Candidate(identifier.getValue(), PATIENT + NHS_WHERE + ".value"));
                }
            }
        }
        if (candidates.isEmpty()) {
            if (request.hasSubject()) {
                problems.add(Issue.required("The patient's NHS number is missing: give it as an identifier with system "
                        + NhsNumber.FHIR_SYSTEM + " on the contained Patient or on subject",
                        patient != null ? PATIENT + NHS_WHERE : "ServiceRequest.subject.identifier"));
            }
            return null;
        }
        Set<String> valid = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            try {
                valid.add(NhsNumber.of(candidate.value()).value());
            } catch (InvalidNhsNumberException e) {
                problems.addNhsNumber(Issue.invalid(e.getMessage(), candidate.path()));
            }
        }
        if (valid.size() > 1) {
            problems.add(Issue.invalid("subject.identifier and the contained Patient carry different NHS numbers",
                    "ServiceRequest.subject.identifier", PATIENT + NHS_WHERE));
            return null;
        }
        return valid.isEmpty() ? null : valid.iterator().next();
    }

    private record Candidate(String value, String path) {
    }

    private static String patientName(Patient patient, Problems problems) {
        HumanName name = patient.getName().stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(patient.getNameFirstRep());
        String text = nameOf(name);
        if (text == null) {
            problems.add(Issue.required("The patient's name is missing (Patient.name with family and given, or text)",
                    PATIENT + ".name"));
            return null;
        }
        return text;
    }

    /** The name as written: text, else prefix given family suffix; null when there is none. */
    private static String nameOf(HumanName name) {
        String text = name.hasText() ? name.getText() : name.getNameAsSingleString();
        return text == null || text.isBlank() ? null : text.strip();
    }

    private LocalDate birthDate(Patient patient, Problems problems) {
        if (!patient.hasBirthDate()) {
            problems.add(Issue.required("The patient's birth date is missing: routing depends on the patient's age",
                    PATIENT + ".birthDate"));
            return null;
        }
        if (patient.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
            problems.add(Issue.invalid("The patient's birth date must be a full date (yyyy-mm-dd)",
                    PATIENT + ".birthDate"));
            return null;
        }
        LocalDate birthDate = LocalDate.parse(patient.getBirthDateElement().getValueAsString());
        if (birthDate.isAfter(LocalDate.now(zone))) {
            problems.add(Issue.invalid("The patient's birth date is in the future", PATIENT + ".birthDate"));
            return null;
        }
        return birthDate;
    }

    /** The mobile to text: a phone/SMS telecom with use mobile, else any phone that is a UK mobile number. */
    private static String mobile(Patient patient, Problems problems) {
        List<ContactPoint> telecoms = patient.getTelecom();
        for (int i = 0; i < telecoms.size(); i++) {
            ContactPoint telecom = telecoms.get(i);
            if (isPhone(telecom) && telecom.getUse() == ContactPoint.ContactPointUse.MOBILE && telecom.hasValue()) {
                Optional<String> e164 = PhoneNumbers.e164(telecom.getValue());
                if (e164.isEmpty()) {
                    problems.add(Issue.invalid("The patient's mobile number is not a number Handover can text: give "
                            + "it as 07700 900123 or in international form +447700900123", PATIENT + ".telecom[" + i + "]"));
                }
                return e164.orElse(null);
            }
        }
        return telecoms.stream().filter(FhirPredicates::isPhoneWithValue)
                .map(t -> PhoneNumbers.e164(t.getValue()))
                .flatMap(Optional::stream)
                .filter(PhoneNumbers::isUkMobile)
                .findFirst().orElse(null);
    }

    private static boolean isPhone(ContactPoint telecom) {
        return telecom.getSystem() == ContactPoint.ContactPointSystem.PHONE
                || telecom.getSystem() == ContactPoint.ContactPointSystem.SMS;
    }

    private static String address(Patient patient) {
        if (!patient.hasAddress()) {
            return null;
        }
        Address address = patient.getAddress().stream()
                .filter(a -> a.getUse() == Address.AddressUse.HOME).findFirst().orElse(patient.getAddressFirstRep());
        if (address.hasText()) {
            return address.getText().strip();
        }
        List<String> parts = new ArrayList<>();
        address.getLine().forEach(line -> parts.add(line.getValue()));
        parts.add(address.getCity());
        parts.add(address.getDistrict());
        parts.add(address.getPostalCode());
        String text = String.join(", ", parts.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList());
        return text.isEmpty() ? null : text;
    }

    // --- requester ---

    private record Requester(String ods, String clinician) {
    }

    private static Requester requester(ServiceRequest request, Problems problems) {
        String convention = "a contained PractitionerRole whose organization is the GP practice (identifier system "
                + ODS_SYSTEM + ") and whose practitioner is the referring clinician";
        if (!request.hasRequester()) {
            problems.add(Issue.required("A referral needs its requester: " + convention, "ServiceRequest.requester"));
            return new Requester(null, null);
        }
        Reference reference = request.getRequester();
        if (!(reference.getResource() instanceof PractitionerRole role)) {
            String found = reference.getResource() != null ? "a contained " + reference.getResource().fhirType()
                    : reference.hasReference() ? "'" + reference.getReference() + "', which Handover does not fetch"
                    : "a reference without a contained resource";
            problems.add(Issue.invalid("The requester must be " + convention + "; found " + found,
                    "ServiceRequest.requester"));
            return new Requester(null, null);
        }
        String ods = null;
        Reference organization = role.getOrganization();
        Identifier odsIdentifier = organization.getResource() instanceof Organization practice
                ? practice.getIdentifier().stream().filter(i -> ODS_SYSTEM.equals(i.getSystem())).findFirst().orElse(null)
                : ODS_SYSTEM.equals(organization.getIdentifier().getSystem()) ? organization.getIdentifier() : null;
        if (odsIdentifier == null || !odsIdentifier.hasValue()) {
            problems.add(Issue.required("The referring GP practice's ODS code is missing: PractitionerRole.organization "
                    + "must be a contained Organization with an identifier of system " + ODS_SYSTEM
                    + ", or carry that identifier itself", ROLE + ".organization"));
        } else {
            ods = odsIdentifier.getValue().strip().toUpperCase(Locale.ROOT);
            if (!ods.matches("[A-Z0-9]{3,10}")) {
                problems.add(Issue.invalid("The practice ODS code must be 3 to 10 letters and digits (e.g. A81001)",
                        ROLE + ".organization"));
                ods = null;
            }
        }
        String clinician = null;
        Reference practitioner = role.getPractitioner();
        if (practitioner.getResource() instanceof Practitioner person && person.hasName()) {
            clinician = nameOf(person.getNameFirstRep());
        }
        if (blank(clinician) && practitioner.hasDisplay()) {
            clinician = practitioner.getDisplay();
        }
        if (blank(clinician) && reference.hasDisplay()) {
            clinician = reference.getDisplay();
        }
        if (blank(clinician)) {
            problems.add(Issue.required("The referring clinician is missing: PractitionerRole.practitioner must be a "
                    + "contained Practitioner with a name, or a reference with a display", ROLE + ".practitioner"));
            clinician = null;
        }
        return new Requester(ods, clinician == null ? null : clinician.strip());
    }

    // --- what is asked for ---

    private static Coding specialty(ServiceRequest request, Problems problems) {
        Optional<Coding> coding = request.getCode().getCoding().stream()
                .filter(c -> c.hasCode() && !c.getCode().isBlank()).findFirst();
        if (coding.isEmpty()) {
            problems.add(Issue.required("A referral needs the specialty or service requested: ServiceRequest.code.coding "
                    + "with code and display (e.g. DERMATOLOGY, Dermatology)", "ServiceRequest.code"));
            return new Coding();
        }
        return coding.get();
    }

    private static String display(Coding coding, CodeableConcept concept) {
        if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
            return coding.getDisplay().strip();
        }
        return concept.hasText() && !concept.getText().isBlank() ? concept.getText().strip() : coding.getCode();
    }

    private static ReferralPriority priority(ServiceRequest request, Problems problems) {
        ReferralPriority priority = ReferralPriority.ROUTINE; // FHIR: no priority means normal priority
        if (request.getPriority() != null) {
            switch (request.getPriority()) {
                case ROUTINE -> priority = ReferralPriority.ROUTINE;
                case URGENT -> priority = ReferralPriority.URGENT;
                case ASAP -> priority = ReferralPriority.TWO_WEEK_WAIT;
                default -> problems.add(Issue.invalid("Priority " + request.getPriority().toCode() + " is not an "
                        + "e-Referral priority: use routine, urgent or asap (two-week wait)", "ServiceRequest.priority"));
            }
        }
        boolean twoWeekWait = request.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> ReferralPriority.isTwoWeekWaitMarker(c.getCode()));
        return twoWeekWait ? ReferralPriority.TWO_WEEK_WAIT : priority;
    }

    private static String reason(ServiceRequest request, Problems problems) {
        List<String> reasons = new ArrayList<>();
        for (CodeableConcept code : request.getReasonCode()) {
            String text = code.hasText() ? code.getText()
                    : code.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                            .filter(t -> !blank(t)).findFirst().orElse(null);
            if (!blank(text)) {
                reasons.add(text.strip());
            }
        }
        for (Reference reference : request.getReasonReference()) {
            if (reference.hasDisplay() && !reference.getDisplay().isBlank()) {
                reasons.add(reference.getDisplay().strip());
            }
        }
        if (reasons.isEmpty()) {
            problems.add(Issue.required("A referral needs its reason: reasonCode with text (or a coding display), or "
                    + "reasonReference with a display", "ServiceRequest.reasonCode", "ServiceRequest.reasonReference"));
            return null;
        }
        return String.join("; ", reasons);
    }

    /** Documents become attachments; other supporting information with a display becomes clinical text. */
    private static void supportingInfo(ServiceRequest request, List<String> clinical,
            List<ReferralRecord.Attachment> attachments, Problems problems) {
        List<Reference> references = request.getSupportingInfo();
        for (int i = 0; i < references.size(); i++) {
            Reference reference = references.get(i);
            String path = "ServiceRequest.supportingInfo[" + i + "]";
            String display = reference.hasDisplay() && !reference.getDisplay().isBlank() ? reference.getDisplay().strip() : null;
            if (reference.getResource() instanceof DocumentReference document) {
                List<DocumentReference.DocumentReferenceContentComponent> contents = document.getContent();
                for (int c = 0; c < contents.size(); c++) {
                    Attachment attachment = contents.get(c).getAttachment();
                    String title = firstNonBlank(attachment.getTitle(), document.getDescription(), display,
                            "Attachment " + (attachments.size() + 1));
                    if (attachment.hasUrl()) {
                        attachments.add(new ReferralRecord.Attachment(title, attachment.getContentType(),
                                attachment.getUrl(), null));
                    } else if (attachment.hasData()) {
                        attachments.add(new ReferralRecord.Attachment(title, attachment.getContentType(), null,
                                localId(document)));
                    } else {
                        problems.add(Issue.invalid("The DocumentReference's attachment has neither url nor data",
                                path + ".resolve().content[" + c + "].attachment"));
                    }
                }
                if (contents.isEmpty()) {
                    problems.add(Issue.required("The DocumentReference has no content", path + ".resolve().content"));
                }
            } else if (reference.getResource() instanceof Binary binary) {
                if (!binary.hasData()) {
                    problems.add(Issue.required("The contained Binary has no data", path + ".resolve().data"));
                } else {
                    attachments.add(new ReferralRecord.Attachment(firstNonBlank(display, "Attachment " + (attachments.size() + 1)),
                            binary.getContentType(), null, localId(binary)));
                }
            } else if (reference.getResource() == null && reference.hasReference()
                    && isDocument(reference.getReferenceElement().getResourceType())) {
                attachments.add(new ReferralRecord.Attachment(firstNonBlank(display, "Document " + (attachments.size() + 1)),
                        null, reference.getReference(), null));
            } else if (display != null) {
                clinical.add(display);
            }
        }
    }

    private static boolean isDocument(String resourceType) {
        return "DocumentReference".equals(resourceType) || "Binary".equals(resourceType);
    }

    private static String localId(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return id == null ? null : id.startsWith("#") ? id.substring(1) : id;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!blank(value)) {
                return value.strip();
            }
        }
        return null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }


    /** Problems found while mapping: NHS number problems alone make a 422, anything else a 400 with everything. */
    private static final class Problems {
        private final List<Issue> structural = new ArrayList<>();
        private final List<Issue> nhsNumber = new ArrayList<>();

        void add(Issue issue) {
            structural.add(issue);
        }

        void addNhsNumber(Issue issue) {
            nhsNumber.add(issue);
        }

        void throwIfAny() {
            if (!structural.isEmpty()) {
                List<Issue> all = new ArrayList<>(structural);
                all.addAll(nhsNumber);
                throw FhirProblem.refused(400, all);
            }
            if (!nhsNumber.isEmpty()) {
                throw FhirProblem.refused(422, nhsNumber);
            }
        }
    }

    private static final class FhirPredicates {
        static boolean isPhoneWithValue(ContactPoint telecom) {
            return isPhone(telecom) && telecom.hasValue();
        }
    }

    /** Turns written phone numbers into E.164. */
    static final class PhoneNumbers {

        private PhoneNumbers() {
        }

        /** 07700 900123, +44 7700 900123, 0044..., (+44) 7700-900123 -> +447700900123; other E.164 numbers kept. */
        static Optional<String> e164(String written) {
            if (written == null) {
                return Optional.empty();
            }
            String compact = written.strip().replaceAll("[\\s()\\-.]", "");
            if (compact.startsWith("00")) {
                compact = "+" + compact.substring(2);
            }
            if (compact.matches("0\\d{10}")) {
                compact = "+44" + compact.substring(1);
            } else if (compact.matches("44\\d{10}")) {
                compact = "+" + compact;
            }
            if (compact.startsWith("+440")) {
                compact = "+44" + compact.substring(4); // "+44 (0)7700 900123"
            }
            return compact.matches("\\+[1-9]\\d{7,14}") && (!compact.startsWith("+44") || compact.length() == 13)
                    ? Optional.of(compact) : Optional.empty();
        }

        static boolean isUkMobile(String e164) {
            return e164.matches("\\+447\\d{9}");
        }
    }
}
