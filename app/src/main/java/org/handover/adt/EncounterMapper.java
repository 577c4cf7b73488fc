package org.handover.adt;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.handover.adt.HospitalEvent.Kind;
import org.handover.domain.InvalidNhsNumberException;
import org.handover.domain.NhsNumber;
import org.handover.encounter.EncounterSetting;
import org.handover.fhir.FhirFormat;
import org.handover.fhir.FhirProblem;
import org.handover.fhir.FhirProblem.Issue;
import org.handover.fhir.StrictFhirParser;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A FHIR R4 Encounter to a {@link HospitalEvent}: status in-progress (or arrived) admits, finished discharges,
 * cancelled cancels the admission, entered-in-error cancels the discharge. The patient is a contained Patient
 * ({@code subject: #id}) or a reference carrying the NHS number as its identifier; Discharge to Assess facts and
 * the patient-copy choice are contained Observations coded with the same local codes as the HL7 v2 OBX segments.
 * Every problem is collected: a wrong NHS number alone is 422, anything else 400.
 */
final class EncounterMapper {

    static final String FHIR_SENDER = "fhir";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final Pattern EPISODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final List<String> MATERNITY_SERVICES = List.of("501", "560");

    private final StrictFhirParser parser;

    EncounterMapper(FhirContext context) {
        this.parser = new StrictFhirParser(context);
    }

    Encounter parse(String body, FhirFormat format) {
        return parser.parse(Encounter.class, body, format);
    }

    HospitalEvent map(Encounter encounter) {
        List<Issue> problems = new ArrayList<>();
        String episodeId = episodeId(encounter, problems);
        Kind kind = kind(encounter, problems);
        EncounterSetting setting = setting(encounter, problems);
        org.hl7.fhir.r4.model.Patient patient = patient(encounter, problems);
        String nhsNumber = nhsNumber(encounter, patient, problems);
        Instant start = encounter.getPeriod().hasStart() ? encounter.getPeriod().getStart().toInstant() : null;
        Instant end = encounter.getPeriod().hasEnd() ? encounter.getPeriod().getEnd().toInstant() : null;
        if (kind == Kind.DISCHARGE && end == null) {
            problems.add(Issue.required("A finished Encounter needs period.end: the discharge date/time",
                    "Encounter.period.end"));
        }
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(Issue.invalid("period.end is before period.start", "Encounter.period.end"));
        }
        DischargeObservations observations = observations(encounter, problems);
        if (!problems.isEmpty()) {
            boolean onlyNhsNumber = problems.stream().allMatch(i -> i.diagnostics().startsWith("NHS number"));
            throw FhirProblem.refused(onlyNhsNumber ? 422 : 400, problems);
        }
        boolean dead = patient != null && patient.hasDeceasedBooleanType() && patient.getDeceasedBooleanType().booleanValue()
                || patient != null && patient.hasDeceasedDateTimeType();
        boolean died = kind == Kind.DISCHARGE && (dead || dischargedDead(encounter));
        Stay stay = new Stay(episodeId, encounter.getClass_().getCode(), setting, siteCode(encounter), ward(encounter),
                specialty(encounter), consultant(encounter), kind == Kind.ADMIT || kind == Kind.DISCHARGE ? start : null,
                null, kind == Kind.DISCHARGE ? end : null, died);
        return new HospitalEvent(kind, FHIR_SENDER, episodeId + "|" + encounter.getStatus().toCode(),
                HospitalEvent.Source.FHIR, person(nhsNumber, patient, dead), stay, observations.facts(),
                observations.patientCopyRequested(), List.of(), null);
    }

    private static String episodeId(Encounter encounter, List<Issue> problems) {
        Optional<Identifier> identifier = encounter.getIdentifier().stream().filter(Identifier::hasValue).findFirst();
        if (identifier.isEmpty()) {
            problems.add(Issue.required("The Encounter needs an identifier: the hospital's episode (visit) number",
                    "Encounter.identifier"));
            return null;
        }
        String value = identifier.get().getValue().strip();
        if (!EPISODE_ID.matcher(value).matches()) {
            problems.add(Issue.invalid("The Encounter identifier must be 1 to 64 letters, digits or . _ / -",
                    "Encounter.identifier[0].value"));
        }
        return value;
    }

    private static Kind kind(Encounter encounter, List<Issue> problems) {
        if (!encounter.hasStatus()) {
            problems.add(Issue.required("The Encounter needs a status (finished for a discharge)", "Encounter.status"));
            return null;
        }
        return switch (encounter.getStatus()) {
            case ARRIVED, INPROGRESS -> Kind.ADMIT;
            case FINISHED -> Kind.DISCHARGE;
            case CANCELLED -> Kind.CANCEL_ADMIT;
            case ENTEREDINERROR -> Kind.CANCEL_DISCHARGE;
            default -> {
                problems.add(Issue.invalid("Status " + encounter.getStatus().toCode() + " is not taken: send "
                        + "in-progress (admission), finished (discharge), cancelled or entered-in-error",
                        "Encounter.status"));
                yield null;
            }
        };
    }

    /** v3 ActCode: IMP/ACUTE/NONAC inpatient (maternity under service 501/560), SS day case, EMER, AMB. */
    private static EncounterSetting setting(Encounter encounter, List<Issue> problems) {
        Coding coding = encounter.getClass_();
        String code = coding.hasCode() ? coding.getCode().toUpperCase(Locale.ROOT) : "";
        boolean maternity = encounter.getServiceType().getCoding().stream()
                .anyMatch(c -> MATERNITY_SERVICES.contains(c.getCode()));
        return switch (code) {
            case "IMP", "ACUTE", "NONAC" -> maternity ? EncounterSetting.MATERNITY : EncounterSetting.INPATIENT;
            case "SS" -> EncounterSetting.DAY_CASE;
            case "EMER" -> EncounterSetting.EMERGENCY_DEPARTMENT;
            case "AMB" -> EncounterSetting.OUTPATIENT;
            case "" -> {
                problems.add(Issue.required("The Encounter needs a class (IMP, SS, EMER or AMB)", "Encounter.class"));
                yield null;
            }
            default -> {
                problems.add(Issue.invalid("Class " + coding.getCode() + " is not taken: send IMP, ACUTE, NONAC, SS, "
                        + "EMER or AMB", "Encounter.class"));
                yield null;
            }
        };
    }

    private static org.hl7.fhir.r4.model.Patient patient(Encounter encounter, List<Issue> problems) {
        Reference subject = encounter.getSubject();
        if (subject.getResource() instanceof org.hl7.fhir.r4.model.Patient contained) {
            return contained;
        }
        if (!subject.hasIdentifier() && !subject.hasReference()) {
            problems.add(Issue.required("The Encounter needs its patient: subject referring to a contained Patient "
                    + "(#id) or a reference whose identifier is the NHS number", "Encounter.subject"));
        }
        return null;
    }

    private static String nhsNumber(Encounter encounter, org.hl7.fhir.r4.model.Patient patient, List<Issue> problems) {
        List<Identifier> candidates = new ArrayList<>();
        if (patient != null) {
            candidates.addAll(patient.getIdentifier());
        }
        if (encounter.getSubject().hasIdentifier()) {
            candidates.add(encounter.getSubject().getIdentifier());
        }
        for (Identifier identifier : candidates) {
            if (NhsNumber.FHIR_SYSTEM.equals(identifier.getSystem())) {
                String path = patient != null && patient.getIdentifier().contains(identifier)
                        ? "Encounter.subject.resolve().identifier" : "Encounter.subject.identifier";
                try {
                    return NhsNumber.of(identifier.getValue()).value();
                } catch (InvalidNhsNumberException e) {
                    problems.add(Issue.invalid(AdtReader.nhsNumberProblem(identifier.getValue(), e), path));
                    return null;
                }
            }
        }
        if (encounter.getSubject().hasIdentifier() || patient != null) {
            problems.add(Issue.required("No NHS number: give the patient an identifier with system "
                    + NhsNumber.FHIR_SYSTEM, "Encounter.subject"));
        }
        return null;
    }

    private static Patient person(String nhsNumber, org.hl7.fhir.r4.model.Patient patient, boolean dead) {
        if (patient == null) {
            return new Patient(nhsNumber, null, null, null, null, null, null, null, dead);
        }
        HumanName name = patient.getNameFirstRep();
        Address address = patient.getAddressFirstRep();
        String street = address.getLine().isEmpty() ? null : String.join(", ", address.getLine().stream()
                .map(s -> s.getValue()).toList());
        String line = String.join(", ", java.util.stream.Stream.of(street, address.getCity())
                .filter(s -> s != null && !s.isBlank()).toList());
        String mobile = patient.getTelecom().stream()
                .filter(t -> t.getSystem() == ContactPoint.ContactPointSystem.PHONE || t.getSystem() == ContactPoint.ContactPointSystem.SMS)
                .map(t -> AdtReader.ukMobile(t.getValue())).filter(m -> m != null).findFirst().orElse(null);
        String gp = patient.getGeneralPractitioner().stream().map(Reference::getIdentifier)
                .filter(i -> ODS_SYSTEM.equals(i.getSystem()) && i.hasValue()).map(Identifier::getValue)
                .findFirst().orElse(null);
        LocalDate birth = patient.hasBirthDate() ? LocalDate.parse(patient.getBirthDateElement().getValueAsString()
                .substring(0, Math.min(10, patient.getBirthDateElement().getValueAsString().length()))) : null;
        return new Patient(nhsNumber, name.hasGiven() ? name.getGivenAsSingleString() : null,
                name.hasFamily() ? name.getFamily() : null, birth, line.isEmpty() ? null : line,
                address.hasPostalCode() ? address.getPostalCode().strip().toUpperCase(Locale.ROOT) : null, mobile, gp,
                dead);
    }

    private static boolean dischargedDead(Encounter encounter) {
        return encounter.getHospitalization().getDischargeDisposition().getCoding().stream()
                .anyMatch(c -> "exp".equals(c.getCode()));
    }

    private static String siteCode(Encounter encounter) {
        Identifier provider = encounter.getServiceProvider().getIdentifier();
        return provider.hasValue() ? provider.getValue() : null;
    }

    private static String ward(Encounter encounter) {
        return encounter.getLocation().stream().map(l -> l.getLocation().getDisplay())
                .filter(d -> d != null && !d.isBlank()).reduce((first, last) -> last).orElse(null);
    }

    private static String specialty(Encounter encounter) {
        return encounter.getServiceType().getCoding().stream().map(Coding::getCode).filter(c -> c != null)
                .findFirst().orElse(null);
    }

    private static String consultant(Encounter encounter) {
        return encounter.getParticipant().stream().map(p -> p.getIndividual().getDisplay())
                .filter(d -> d != null && !d.isBlank()).findFirst().orElse(null);
    }

    private static DischargeObservations observations(Encounter encounter, List<Issue> problems) {
        DischargeObservations observations = new DischargeObservations();
        for (Resource resource : encounter.getContained()) {
            if (resource instanceof Observation observation) {
                String code = observation.getCode().getCodingFirstRep().getCode();
                String value = observation.hasValueBooleanType()
                        ? (observation.getValueBooleanType().booleanValue() ? "Y" : "N")
                        : observation.hasValueStringType() ? observation.getValueStringType().getValue()
                        : observation.hasValueCodeableConcept()
                                ? observation.getValueCodeableConcept().getCodingFirstRep().getCode() : null;
                try {
                    observations.add(code, value, "Encounter.contained.where(id='" + observation.getIdElement()
                            .getIdPart() + "').value");
                } catch (RefusedEvent refusal) {
                    problems.add(Issue.invalid(refusal.getMessage().substring(refusal.field().length() + 2),
                            refusal.field()));
                }
            }
        }
        return observations;
    }
}
