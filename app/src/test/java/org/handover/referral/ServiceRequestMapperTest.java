package org.handover.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.handover.fhir.FhirFormat;
import org.handover.fhir.FhirProblem.Issue;
import org.handover.fhir.FhirProblem;
import org.handover.referral.ServiceRequestMapper.PhoneNumbers;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GP's ServiceRequest to a NewReferral: every field, both encodings, and a precise problem for each fault. */
class ServiceRequestMapperTest {

    static final Path SAMPLES = Path.of("..", "ops", "samples", "referrals");
    static final ObjectMapper JSON = new ObjectMapper();

    final ServiceRequestMapper mapper = new ServiceRequestMapper();

    static String sample(String name) {
        try {
            return Files.readString(SAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class ReadsEveryField {

        @Test
        void fromJsonWithContainedPatientPracticeAndPractitioner() {
            NewReferral referral = mapper.read(sample("valid-routine-dermatology.json"), FhirFormat.JSON);

            assertThat(referral.ubrn()).isEqualTo("100000000001");
            assertThat(referral.nhsNumber()).isEqualTo("9990000018");
            assertThat(referral.patientName()).isEqualTo("Grace Okafor");
            assertThat(referral.patientBirthDate()).isEqualTo(LocalDate.of(1968, 4, 12));
            assertThat(referral.patientMobile()).as("07... becomes E.164").isEqualTo("+447700900123");
            assertThat(referral.patientAddress()).isEqualTo("14 Church Lane, Stockport, SK4 2NX");
            assertThat(referral.practiceOds()).isEqualTo("A81001");
            assertThat(referral.referrerName()).isEqualTo("Dr Sarah Hughes");
            assertThat(referral.specialtyCode()).isEqualTo("DERMATOLOGY");
            assertThat(referral.specialtyDisplay()).isEqualTo("Dermatology");
            assertThat(referral.gpPriority()).isEqualTo(ReferralPriority.ROUTINE);
            assertThat(referral.reason()).isEqualTo("Itchy scaly plaques on both elbows, not settling");
            assertThat(referral.clinicalInformation()).startsWith("Plaques on both elbows")
                    .endsWith("\nNo known drug allergies");
            assertThat(referral.attachments()).containsExactly(new ReferralRecord.Attachment("Lesion on left forearm",
                    "image/jpeg", "https://gp-documents.example/A81001/photo-1.jpg", null));
            assertThat(referral.resourceJson()).as("JSON is stored as received, not encoded again")
                    .isEqualTo(sample("valid-routine-dermatology.json"));
        }

        @Test
        void fromXmlWithBinaryAttachmentDocumentLinkAndSmsMobile() {
            NewReferral referral = mapper.read(sample("valid-contained-patient.xml"), FhirFormat.XML);

            assertThat(referral.ubrn()).isEqualTo("100000000004");
            assertThat(referral.nhsNumber()).isEqualTo("9990000042");
            assertThat(referral.patientName()).isEqualTo("Zoë Nowak");
            assertThat(referral.patientBirthDate()).isEqualTo(LocalDate.of(1981, 11, 3));
            assertThat(referral.patientMobile()).as("the mobile, not the landline").isEqualTo("+447700900321");
            assertThat(referral.practiceOds()).isEqualTo("C84001");
            assertThat(referral.referrerName()).isEqualTo("Dr Kwame Evans");
            assertThat(referral.specialtyCode()).isEqualTo("CARDIOLOGY");
            assertThat(referral.gpPriority()).isEqualTo(ReferralPriority.URGENT);
            assertThat(referral.reason()).isEqualTo("Palpitations with pre-syncope");
            assertThat(referral.clinicalInformation()).startsWith("Three episodes of fast palpitations");
            assertThat(referral.attachments()).containsExactly(
                    new ReferralRecord.Attachment("12-lead ECG", "application/pdf", null, "ecg"),
                    new ReferralRecord.Attachment("24-hour tape report", null, "DocumentReference/holter-2026-02", null));
            assertThat(referral.resourceJson()).as("stored as JSON whatever came in").startsWith("{")
                    .contains("\"data\":\"JVBERi0x");
        }

        @Test
        void practiceByIdentifierReferenceAndClinicianByDisplay() {
            NewReferral referral = mapper.read(sample("valid-2ww-colorectal-red-flag.json"), FhirFormat.JSON);

            assertThat(referral.practiceOds()).isEqualTo("A81002");
            assertThat(referral.referrerName()).isEqualTo("Dr Arjun Patel");
            assertThat(referral.gpPriority()).as("the GP sent it as routine: raising it is the rules' job")
                    .isEqualTo(ReferralPriority.ROUTINE);
            assertThat(referral.clinicalInformation()).contains("rectal bleeding").contains("FIT result");
            assertThat(referral.patientMobile()).isEqualTo("+447700900456");
        }

        @Test
        void aChildsBirthDateForAgeRouting() {
            NewReferral referral = mapper.read(sample("valid-paediatric.json"), FhirFormat.JSON);

            assertThat(referral.patientBirthDate()).isEqualTo(LocalDate.of(2017, 6, 21));
            assertThat(java.time.Period.between(referral.patientBirthDate(), LocalDate.now()).getYears()).isLessThan(16);
            assertThat(referral.gpPriority()).isEqualTo(ReferralPriority.URGENT);
        }

        @Test
        void nhsNumberOnSubjectIdentifierBesideTheContainedPatient() {
            NewReferral referral = read(json -> {
                ((ObjectNode) json.path("subject")).putObject("identifier")
                        .put("system", "https://fhir.nhs.uk/Id/nhs-number").put("value", "999 000 0018");
                patient(json).remove("identifier");
            });
            assertThat(referral.nhsNumber()).isEqualTo("9990000018");
        }

        @Test
        void noMobileWhenOnlyALandlineIsGiven() {
            NewReferral referral = read(json -> patient(json).putArray("telecom").addObject()
                    .put("system", "phone").put("use", "home").put("value", "0161 496 0000"));
            assertThat(referral.patientMobile()).isNull();
        }

        @Test
        void aContainedDocumentReferenceWithInlineData() {
            NewReferral referral = read(json -> {
                ObjectNode document = (ObjectNode) json.path("contained").get(4);
                ObjectNode attachment = (ObjectNode) document.path("content").get(0).path("attachment");
                attachment.remove("url");
                attachment.put("data", "SGVsbG8=");
            });
            assertThat(referral.attachments()).containsExactly(
                    new ReferralRecord.Attachment("Lesion on left forearm", "image/jpeg", null, "photo"));
        }
    }

    @Nested
    class Priority {

        @ParameterizedTest
        @CsvSource({"routine,ROUTINE", "urgent,URGENT", "asap,TWO_WEEK_WAIT"})
        void fromServiceRequestPriority(String code, ReferralPriority expected) {
            assertThat(read(json -> json.put("priority", code)).gpPriority()).isEqualTo(expected);
        }

        @Test
        void routineWhenAbsent() {
            assertThat(read(json -> json.remove("priority")).gpPriority()).isEqualTo(ReferralPriority.ROUTINE);
        }

        @ParameterizedTest
        @CsvSource({"two-week-wait", "2WW", "TWO_WEEK_WAIT"})
        void twoWeekWaitFromACategoryCoding(String code) {
            NewReferral referral = read(json -> ((ArrayNode) json.path("category")).addObject().putArray("coding")
                    .addObject().put("system", "https://handover.example/fhir/CodeSystem/referral-category").put("code", code));
            assertThat(referral.gpPriority()).isEqualTo(ReferralPriority.TWO_WEEK_WAIT);
        }

        @Test
        void statIsNotAnEReferralPriority() {
            assertRefused(400, json -> json.put("priority", "stat"), "ServiceRequest.priority", "asap");
        }

        @Test
        void anUnknownCodeIsRefusedAtItsPath() {
            assertRefused(400, json -> json.put("priority", "whenever"), "ServiceRequest.priority", "whenever");
        }
    }

    @Nested
    class RefusesWithThePath {

        @Test
        void missingUbrn() {
            Issue issue = single(assertRefused(400, json -> json.remove("identifier"),
                    "ServiceRequest.identifier.where(system='https://fhir.nhs.uk/Id/UBRN')", "UBRN"));
            assertThat(issue.code()).isEqualTo(IssueType.REQUIRED);
        }

        @Test
        void missingUbrnSample() {
            FhirProblem problem = refusal(() -> mapper.read(sample("invalid-missing-ubrn.json"), FhirFormat.JSON));
            assertThat(problem.status()).isEqualTo(400);
            assertThat(single(problem.issues()).expression())
                    .containsExactly("ServiceRequest.identifier.where(system='https://fhir.nhs.uk/Id/UBRN')");
        }

        @Test
        void ubrnOfTheWrongLength() {
            assertRefused(400, json -> ubrn(json).put("value", "12345"),
                    "ServiceRequest.identifier.where(system='https://fhir.nhs.uk/Id/UBRN').value", "12 digits, not 5");
        }

        @Test
        void invalidNhsNumberAloneIs422WithTheDomainsMessageAndNoNumber() {
            FhirProblem problem = refusal(() -> mapper.read(sample("invalid-nhs-number.json"), FhirFormat.JSON));

            assertThat(problem.status()).isEqualTo(422);
            Issue issue = single(problem.issues());
            assertThat(issue.diagnostics()).isEqualTo("NHS number check digit is wrong: the number was probably mistyped");
            assertThat(issue.expression()).containsExactly(
                    "ServiceRequest.subject.resolve().identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').value");
            assertThat(problem.reason()).doesNotContain("9990000019");
        }

        @Test
        void invalidNhsNumberWithOtherFaultsIs400WithAllOfThem() {
            FhirProblem problem = refusal(() -> mapper.read(modified(json -> {
                ((ObjectNode) patient(json).path("identifier").get(0)).put("value", "12345");
                json.remove("identifier");
            }), FhirFormat.JSON));
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.issues()).extracting(Issue::diagnostics)
                    .anyMatch(d -> d.contains("UBRN")).anyMatch(d -> d.contains("10 digits"));
        }

        @Test
        void missingNhsNumber() {
            assertRefused(400, json -> patient(json).remove("identifier"),
                    "ServiceRequest.subject.resolve().identifier.where(system='https://fhir.nhs.uk/Id/nhs-number')",
                    "NHS number is missing");
        }

        @Test
        void twoDifferentNhsNumbers() {
            assertRefused(400, json -> ((ObjectNode) json.path("subject")).putObject("identifier")
                    .put("system", "https://fhir.nhs.uk/Id/nhs-number").put("value", "9990000026"),
                    "ServiceRequest.subject.identifier", "different NHS numbers");
        }

        @Test
        void missingSubject() {
            assertRefused(400, json -> json.remove("subject"), "ServiceRequest.subject", "contained Patient");
        }

        @Test
        void subjectByIdentifierOnlyLacksTheBirthDate() {
            assertRefused(400, json -> {
                ObjectNode subject = json.putObject("subject");
                subject.putObject("identifier").put("system", "https://fhir.nhs.uk/Id/nhs-number").put("value", "9990000018");
                ((ArrayNode) json.path("contained")).remove(0);
            }, "ServiceRequest.subject", "birth date");
        }

        @Test
        void subjectThatHandoverWouldHaveToFetch() {
            assertRefused(400, json -> ((ObjectNode) json.path("subject")).put("reference", "Patient/123"),
                    "ServiceRequest.subject.reference", "does not fetch");
        }

        @Test
        void missingBirthDate() {
            assertRefused(400, json -> patient(json).remove("birthDate"), "ServiceRequest.subject.resolve().birthDate",
                    "age");
        }

        @Test
        void birthYearOnly() {
            assertRefused(400, json -> patient(json).put("birthDate", "1968"), "ServiceRequest.subject.resolve().birthDate",
                    "full date");
        }

        @Test
        void impossibleBirthDate() {
            assertRefused(400, json -> patient(json).put("birthDate", "1968-13-45"),
                    "ServiceRequest.contained[0].birthDate", "1968-13-45");
        }

        @Test
        void missingPatientName() {
            assertRefused(400, json -> patient(json).remove("name"), "ServiceRequest.subject.resolve().name", "name");
        }

        @Test
        void mobileThatCannotBeTexted() {
            assertRefused(400, json -> ((ObjectNode) patient(json).path("telecom").get(0)).put("value", "07700"),
                    "ServiceRequest.subject.resolve().telecom[0]", "+447700900123");
        }

        @Test
        void missingRequester() {
            assertRefused(400, json -> json.remove("requester"), "ServiceRequest.requester", "PractitionerRole");
        }

        @Test
        void requesterThatIsNotAPractitionerRole() {
            assertRefused(400, json -> ((ObjectNode) json.path("requester")).put("reference", "#practice"),
                    "ServiceRequest.requester", "found a contained Organization");
        }

        @Test
        void missingPracticeOdsCode() {
            assertRefused(400, json -> ((ObjectNode) json.path("contained").get(1)).remove("identifier"),
                    "ServiceRequest.requester.resolve().organization", "ODS code");
        }

        @Test
        void missingReferringClinician() {
            assertRefused(400, json -> ((ObjectNode) json.path("contained").get(3)).remove("practitioner"),
                    "ServiceRequest.requester.resolve().practitioner", "referring clinician");
        }

        @Test
        void missingSpecialty() {
            Issue issue = single(assertRefused(400, json -> json.remove("code"), "ServiceRequest.code", "specialty"));
            assertThat(issue.code()).isEqualTo(IssueType.REQUIRED);
        }

        @Test
        void missingReason() {
            Issue issue = single(assertRefused(400, json -> json.remove("reasonCode"), "ServiceRequest.reasonCode", "reason"));
            assertThat(issue.expression()).containsExactly("ServiceRequest.reasonCode", "ServiceRequest.reasonReference");
        }

        @Test
        void missingClinicalInformation() {
            assertRefused(400, json -> {
                json.remove("note");
                json.putArray("supportingInfo").addObject().put("reference", "#photo");
            }, "ServiceRequest.note", "clinical information");
        }

        @Test
        void statusOtherThanActive() {
            assertRefused(400, json -> json.put("status", "draft"), "ServiceRequest.status", "active");
        }

        @Test
        void missingIntent() {
            assertRefused(400, json -> json.remove("intent"), "ServiceRequest.intent", "intent");
        }

        @Test
        void modifierExtensions() {
            assertRefused(400, json -> json.putArray("modifierExtension").addObject()
                    .put("url", "https://example.org/do-not-treat").put("valueBoolean", true),
                    "ServiceRequest.modifierExtension", "modifier extensions");
        }

        @Test
        void everyProblemAtOnce() {
            FhirProblem problem = refusal(() -> mapper.read(modified(json -> {
                json.remove("identifier");
                json.remove("requester");
                json.remove("code");
            }), FhirFormat.JSON));
            assertThat(problem.issues()).hasSize(3);
            assertThat(problem.reason()).contains("UBRN").contains("requester").contains("specialty");
        }
    }

    @Nested
    class MalformedFhir {

        @Test
        void brokenJson() {
            FhirProblem problem = refusal(() -> mapper.read(sample("invalid-malformed.json"), FhirFormat.JSON));
            assertThat(problem.status()).isEqualTo(400);
            Issue issue = single(problem.issues());
            assertThat(issue.code()).isEqualTo(IssueType.INVALID);
            assertThat(issue.expression()).containsExactly("ServiceRequest");
            assertThat(issue.diagnostics()).startsWith("Not a readable FHIR R4 ServiceRequest in JSON").doesNotContain("HAPI-");
        }

        @Test
        void brokenXml() {
            FhirProblem problem = refusal(() -> mapper.read("<ServiceRequest xmlns=\"http://hl7.org/fhir\"><status value=\"active\"/>",
                    FhirFormat.XML));
            assertThat(single(problem.issues()).diagnostics()).startsWith("Not a readable FHIR R4 ServiceRequest in XML");
        }

        @Test
        void anotherResourceType() {
            FhirProblem problem = refusal(() -> mapper.read("{\"resourceType\":\"Patient\"}", FhirFormat.JSON));
            assertThat(single(problem.issues()).diagnostics()).contains("expected \"ServiceRequest\" but found \"Patient\"");
        }

        @Test
        void emptyBody() {
            assertThat(refusal(() -> mapper.read("  ", FhirFormat.JSON)).issues().get(0).code()).isEqualTo(IssueType.REQUIRED);
        }

        @Test
        void unknownElementsWithTheirPaths() {
            FhirProblem problem = refusal(() -> mapper.read(modified(json -> {
                json.put("colour", "blue");
                ubrn(json).put("checked", true);
                patient(json).put("shoeSize", 9);
            }), FhirFormat.JSON));
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.issues()).extracting(i -> i.expression().get(0)).containsExactlyInAnyOrder(
                    "ServiceRequest.colour", "ServiceRequest.identifier[0].checked", "ServiceRequest.contained[0].shoeSize");
            assertThat(problem.issues()).allMatch(i -> i.code() == IssueType.INVALID);
        }

        @Test
        void anObjectWhereAListBelongs() {
            FhirProblem problem = refusal(() -> mapper.read(modified(json -> {
                ObjectNode coding = (ObjectNode) json.path("code").path("coding").get(0);
                ((ObjectNode) json.path("code")).set("coding", coding);
            }), FhirFormat.JSON));
            assertThat(single(problem.issues()).expression()).containsExactly("ServiceRequest.code.coding");
            assertThat(problem.issues().get(0).diagnostics()).contains("JSON array");
        }

        @Test
        void unknownElementInXml() {
            String xml = sample("valid-contained-patient.xml").replace("<gender value=\"female\"/>",
                    "<gender value=\"female\"/><favouriteColour value=\"blue\"/>");
            FhirProblem problem = refusal(() -> mapper.read(xml, FhirFormat.XML));
            assertThat(single(problem.issues()).expression()).containsExactly("ServiceRequest.contained[0].favouriteColour");
        }

        @Test
        void referenceToNothingContained() {
            assertRefused(400, json -> ((ObjectNode) json.path("requester")).put("reference", "#nobody"),
                    "ServiceRequest.requester.reference", "#nobody");
        }

        @Test
        void parserComplaintsNeverCarryAnNhsNumber() {
            FhirProblem problem = refusal(() -> mapper.read(modified(json -> patient(json).put("birthDate", "9990000018")),
                    FhirFormat.JSON));
            assertThat(problem.reason()).doesNotContain("9990000018").contains("0018");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "07700 900123,+447700900123",
            "07700900123,+447700900123",
            "+44 7700 900123,+447700900123",
            "+44 (0)7700 900123,+447700900123",
            "0044 7700 900123,+447700900123",
            "447700900123,+447700900123",
            "+33 6 12 34 56 78,+33612345678"})
    void mobilesBecomeE164(String written, String e164) {
        assertThat(PhoneNumbers.e164(written)).contains(e164);
    }

    @ParameterizedTest
    @CsvSource({"07700", "not a number", "+44 7700 9001234", "12"})
    void unusablePhoneNumbers(String written) {
        assertThat(PhoneNumbers.e164(written)).isEmpty();
    }

    // --- helpers ---

    NewReferral read(Consumer<ObjectNode> change) {
        return mapper.read(modified(change), FhirFormat.JSON);
    }

    static String modified(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(sample("valid-routine-dermatology.json"));
            change.accept(json);
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode patient(ObjectNode serviceRequest) {
        return (ObjectNode) serviceRequest.path("contained").get(0);
    }

    static ObjectNode ubrn(ObjectNode serviceRequest) {
        return (ObjectNode) serviceRequest.path("identifier").get(0);
    }

    static FhirProblem refusal(Runnable action) {
        try {
            action.run();
        } catch (FhirProblem problem) {
            assertThat(problem.quarantine()).as("refused input is quarantined").isTrue();
            return problem;
        }
        throw new AssertionError("Expected a refusal");
    }

    List<Issue> assertRefused(int status, Consumer<ObjectNode> change, String expression, String diagnosticsContain) {
        FhirProblem problem = refusal(() -> read(change));
        assertThat(problem.status()).as(problem.reason()).isEqualTo(status);
        assertThat(problem.issues()).as(problem.reason())
                .anySatisfy(issue -> {
                    assertThat(issue.expression()).contains(expression);
                    assertThat(issue.diagnostics()).contains(diagnosticsContain);
                });
        return problem.issues();
    }

    static Issue single(List<Issue> issues) {
        assertThat(issues).hasSize(1);
        return issues.get(0);
    }

    @Test
    void aRefusalIsAnException() {
        assertThatThrownBy(() -> mapper.read("{}", FhirFormat.JSON)).isInstanceOf(FhirProblem.class);
    }
}
