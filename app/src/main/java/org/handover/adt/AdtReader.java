package org.handover.adt;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.datatype.XAD;
import ca.uhn.hl7v2.model.v25.datatype.XCN;
import ca.uhn.hl7v2.model.v25.datatype.XON;
import ca.uhn.hl7v2.model.v25.datatype.XPN;
import ca.uhn.hl7v2.model.v25.datatype.XTN;
import ca.uhn.hl7v2.model.v25.segment.DG1;
import ca.uhn.hl7v2.model.v25.segment.EVN;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.PD1;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.PV1;
import ca.uhn.hl7v2.model.v25.segment.PV2;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.handover.adt.HospitalEvent.Kind;
import org.handover.adt.RefusedEvent.ErrorCode;
import org.handover.domain.InvalidNhsNumberException;
import org.handover.domain.NhsNumber;
import org.handover.encounter.EncounterSetting;

/**
 * Reads an HL7 v2 ADT message (any 2.x version, read with the v2.5 structures) into a {@link HospitalEvent},
 * refusing it with the field at fault when it is not one Handover can act on. No Spring, no database: the mapping
 * is tested on its own.
 */
final class AdtReader {

    static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6");
    /** HL7 table 0112 20-42 (expired) and the NHS discharge method 4 (died). */
    private static final Set<String> DIED = Set.of("4", "20", "40", "41", "42");
    /** Treatment function codes and local service codes for obstetrics and midwifery. */
    private static final Set<String> MATERNITY_SERVICES = Set.of("501", "560", "OBS", "MAT");
    private static final Pattern EPISODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");

    private final PipeParser parser;
    private final ZoneId zone;

    AdtReader(ZoneId zone) {
        DefaultHapiContext context = new DefaultHapiContext();
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        this.parser = context.getPipeParser();
        this.zone = zone;
    }

    HospitalEvent read(String text) {
        MshHeader msh = MshHeader.read(text);
        if (msh == null) {
            throw RefusedEvent.reject(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH",
                    "the message does not start with an MSH segment: not HL7 v2 pipe-encoded");
        }
        Kind kind = kindOf(msh);
        String segments = Hl7Segments.normalised(text);
        Message message;
        try {
            message = parser.parse(segments);
        } catch (HL7Exception e) {
            throw RefusedEvent.reject(ErrorCode.DATA_TYPE_ERROR, null,
                    "the message cannot be parsed as HL7 v2: " + e.getMessage());
        }
        try {
            SegmentOrder.check(message, segmentNames(segments));
            return read(msh, kind, message);
        } catch (HL7Exception e) {
            throw RefusedEvent.reject(ErrorCode.DATA_TYPE_ERROR, null,
                    "the message cannot be read as HL7 v2.5 ADT: " + e.getMessage());
        }
    }

    private static List<String> segmentNames(String segments) {
        List<String> names = new ArrayList<>();
        for (String segment : segments.split("\r")) {
            if (segment.length() >= 3) {
                names.add(segment.substring(0, 3));
            }
        }
        return names;
    }

    private static Kind kindOf(MshHeader msh) {
        if (msh.controlId().isBlank()) {
            throw RefusedEvent.reject(ErrorCode.REQUIRED_FIELD_MISSING, "MSH-10", "message control id is missing");
        }
        if (!msh.version().isBlank() && !VERSIONS.contains(msh.version())) {
            throw RefusedEvent.reject(ErrorCode.UNSUPPORTED_VERSION_ID, "MSH-12", "HL7 version " + msh.version()
                    + " is not taken; send 2.3 to 2.6 (read as 2.5)");
        }
        if (!"ADT".equals(msh.messageCode())) {
            throw RefusedEvent.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH-9",
                    "message type '" + msh.messageCode() + "' is not taken here; send ADT");
        }
        for (Kind kind : Kind.values()) {
            if (kind.hl7Trigger().equals(msh.triggerEvent())) {
                return kind;
            }
        }
        throw RefusedEvent.reject(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH-9.2", "event " + msh.triggerEvent()
                + " is not handled; Handover takes ADT A01, A03, A08, A11 and A13");
    }

    private HospitalEvent read(MshHeader msh, Kind kind, Message message) throws HL7Exception {
        PID pid = one(message, "PID", PID.class);
        if (pid == null) {
            throw RefusedEvent.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "PID", "the PID segment is missing");
        }
        PV1 pv1 = one(message, "PV1", PV1.class);
        boolean needsVisit = kind != Kind.UPDATE_PATIENT;
        if (pv1 == null && needsVisit) {
            throw RefusedEvent.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "PV1", "the PV1 segment is missing");
        }
        Patient patient = patient(pid, one(message, "PD1", PD1.class));
        Stay stay = pv1 == null ? null : stay(kind, pv1, one(message, "PV2", PV2.class), one(message, "EVN", EVN.class),
                patient.dead());
        if (stay == null) {
            stay = new Stay(null, null, null, null, null, null, null, null, null, null, false);
        }
        DischargeObservations observations = new DischargeObservations();
        List<OBX> obxs = all(message, "OBX", OBX.class);
        for (int i = 0; i < obxs.size(); i++) {
            OBX obx = obxs.get(i);
            String value = obx.getObservationValueReps() == 0 ? null : obx.getObservationValue(0).encode();
            observations.add(obx.getObservationIdentifier().getIdentifier().getValue(), value, "OBX-5");
        }
        List<String> codes = new ArrayList<>();
        for (DG1 dg1 : all(message, "DG1", DG1.class)) {
            String code = dg1.getDiagnosisCodeDG1().getIdentifier().getValue();
            if (code != null && !code.isBlank()) {
                codes.add(code.strip());
            }
        }
        EVN evn = one(message, "EVN", EVN.class);
        String reason = evn == null ? null : blankToNull(evn.getEventReasonCode().getValue());
        return new HospitalEvent(kind, msh.sender(), msh.controlId(), HospitalEvent.Source.HL7V2, patient, stay,
                observations.facts(), observations.patientCopyRequested(), codes, reason);
    }

    private Patient patient(PID pid, PD1 pd1) throws HL7Exception {
        String nhsNumber = nhsNumber(pid.getPatientIdentifierList());
        XPN name = pid.getPatientNameReps() > 0 ? pid.getPatientName(0) : null;
        XAD address = pid.getPatientAddressReps() > 0 ? pid.getPatientAddress(0) : null;
        String gp = null;
        if (pd1 != null && pd1.getPatientPrimaryFacilityReps() > 0) {
            XON practice = pd1.getPatientPrimaryFacility(0);
            gp = blankToNull(practice.getOrganizationIdentifier().getValue());
            gp = gp != null ? gp : blankToNull(practice.getIDNumber().getValue());
        }
        boolean dead = "Y".equalsIgnoreCase(pid.getPatientDeathIndicator().getValue());
        return new Patient(nhsNumber,
                name == null ? null : blankToNull(name.getGivenName().getValue()),
                name == null ? null : blankToNull(name.getFamilyName().getSurname().getValue()),
                Hl7Times.date(pid.getDateTimeOfBirth().getTime().getValue(), "PID-7"),
                address == null ? null : addressLine(address),
                address == null ? null : postcode(address.getZipOrPostalCode().getValue()),
                mobile(pid.getPhoneNumberHome()),
                gp, dead);
    }

    static String nhsNumber(CX[] identifiers) {
        for (CX cx : identifiers) {
            String type = cx.getIdentifierTypeCode().getValue();
            String authority = cx.getAssigningAuthority().getNamespaceID().getValue();
            if ("NH".equalsIgnoreCase(type) || "NHS".equalsIgnoreCase(authority)) {
                String value = cx.getIDNumber().getValue();
                try {
                    return NhsNumber.of(value).value();
                } catch (InvalidNhsNumberException e) {
                    throw RefusedEvent.invalidNhsNumber("PID-3", nhsNumberProblem(value, e));
                }
            }
        }
        throw RefusedEvent.error(ErrorCode.REQUIRED_FIELD_MISSING, "PID-3", "no NHS number: send it as a PID-3 "
                + "repetition with identifier type NH (CX-5) or assigning authority NHS (CX-4)");
    }

    /** The reason as the sender can act on it: which number, and what is wrong with it. */
    static String nhsNumberProblem(String value, InvalidNhsNumberException e) {
        String digits = value == null ? "" : value.replaceAll("[ -]", "");
        if (digits.matches("\\d{10}")) {
            return "NHS number " + digits + " fails the Modulus 11 check";
        }
        String shown = value == null ? "" : value.length() > 20 ? value.substring(0, 20) + "..." : value;
        return e.getMessage() + " (sent '" + shown + "')";
    }

    private Stay stay(Kind kind, PV1 pv1, PV2 pv2, EVN evn, boolean patientDead) throws HL7Exception {
        String episodeId = blankToNull(pv1.getVisitNumber().getIDNumber().getValue());
        if (episodeId == null && kind != Kind.UPDATE_PATIENT) {
            throw RefusedEvent.error(ErrorCode.REQUIRED_FIELD_MISSING, "PV1-19",
                    "visit number (the episode id) is missing");
        }
        if (episodeId != null && !EPISODE_ID.matcher(episodeId).matches()) {
            throw RefusedEvent.error(ErrorCode.DATA_TYPE_ERROR, "PV1-19", "visit number must be 1 to 64 letters, "
                    + "digits or . _ / - (sent '" + (episodeId.length() > 20 ? episodeId.substring(0, 20) + "..." : episodeId) + "')");
        }
        String patientClass = blankToNull(pv1.getPatientClass().getValue());
        String admissionType = blankToNull(pv1.getAdmissionType().getValue());
        String service = blankToNull(pv1.getHospitalService().getValue());
        EncounterSetting setting = patientClass == null && kind != Kind.ADMIT && kind != Kind.DISCHARGE ? null
                : setting(patientClass, admissionType, service);
        Instant occurred = evn == null ? null : Hl7Times.instant(evn.getEventOccurred().getTime().getValue(), "EVN-6", zone);
        Instant admitted = Hl7Times.instant(pv1.getAdmitDateTime().getTime().getValue(), "PV1-44", zone);
        Instant discharged = pv1.getDischargeDateTimeReps() == 0 ? null
                : Hl7Times.instant(pv1.getDischargeDateTime(0).getTime().getValue(), "PV1-45", zone);
        if (kind == Kind.ADMIT && admitted == null) {
            admitted = occurred;
        }
        if (kind == Kind.DISCHARGE) {
            discharged = discharged != null ? discharged : occurred;
            if (discharged == null) {
                throw RefusedEvent.error(ErrorCode.REQUIRED_FIELD_MISSING, "PV1-45",
                        "discharge date/time is missing (and no EVN-6 event time either)");
            }
            if (admitted != null && discharged.isBefore(admitted)) {
                throw RefusedEvent.error(ErrorCode.DATA_TYPE_ERROR, "PV1-45", "discharge date/time "
                        + pv1.getDischargeDateTime(0).getTime().getValue() + " is before the admission PV1-44 "
                        + pv1.getAdmitDateTime().getTime().getValue());
            }
        }
        String disposition = blankToNull(pv1.getDischargeDisposition().getValue());
        boolean died = kind == Kind.DISCHARGE && (patientDead || (disposition != null && DIED.contains(disposition)));
        return new Stay(episodeId, patientClass, setting,
                blankToNull(pv1.getAssignedPatientLocation().getFacility().getNamespaceID().getValue()),
                blankToNull(pv1.getAssignedPatientLocation().getPointOfCare().getValue()),
                service, consultant(pv1.getAttendingDoctor()), admitted,
                pv2 == null ? null : Hl7Times.date(pv2.getExpectedDischargeDateTime().getTime().getValue(), "PV2-9"),
                kind == Kind.DISCHARGE ? discharged : null, died);
    }

    /**
     * PV1-2 patient class: E emergency, O outpatient, B obstetrics, R recurring (day attender), D day case (local
     * use), I inpatient. An inpatient stay under obstetrics or midwifery (PV1-10 501, 560, OBS, MAT) is maternity;
     * admission type DC (PV1-4, local use) is a day case.
     */
    static EncounterSetting setting(String patientClass, String admissionType, String service) {
        String value = patientClass == null ? "" : patientClass.toUpperCase(Locale.ROOT);
        return switch (value) {
            case "E" -> EncounterSetting.EMERGENCY_DEPARTMENT;
            case "O" -> EncounterSetting.OUTPATIENT;
            case "B" -> EncounterSetting.MATERNITY;
            case "D", "R" -> EncounterSetting.DAY_CASE;
            case "I" -> service != null && MATERNITY_SERVICES.contains(service.toUpperCase(Locale.ROOT))
                    ? EncounterSetting.MATERNITY
                    : "DC".equalsIgnoreCase(admissionType) ? EncounterSetting.DAY_CASE : EncounterSetting.INPATIENT;
            case "" -> throw RefusedEvent.error(ErrorCode.REQUIRED_FIELD_MISSING, "PV1-2", "patient class is missing");
            default -> throw RefusedEvent.error(ErrorCode.TABLE_VALUE_NOT_FOUND, "PV1-2", "patient class '"
                    + patientClass + "' is not one Handover takes (I, D, R, B, E, O)");
        };
    }

    private static String consultant(XCN[] doctors) {
        if (doctors.length == 0) {
            return null;
        }
        XCN doctor = doctors[0];
        String name = String.join(" ", nonBlank(doctor.getPrefixEgDR().getValue(), doctor.getGivenName().getValue(),
                doctor.getFamilyName().getSurname().getValue())).strip();
        return !name.isEmpty() ? name : blankToNull(doctor.getIDNumber().getValue());
    }

    private static String addressLine(XAD address) {
        String line = String.join(", ", nonBlank(address.getStreetAddress().getStreetOrMailingAddress().getValue(),
                address.getOtherDesignation().getValue(), address.getCity().getValue()));
        return line.isEmpty() ? null : line;
    }

    private static String postcode(String value) {
        return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
    }

    /** The first number marked cellular (XTN-3 CP), else the first that is a UK mobile; in E.164. */
    static String mobile(XTN[] numbers) {
        String fallback = null;
        for (XTN xtn : numbers) {
            String number = ukMobile(nonBlankOr(xtn.getTelephoneNumber().getValue(),
                    xtn.getUnformattedTelephoneNumber().getValue()));
            if (number != null && "CP".equalsIgnoreCase(xtn.getTelecommunicationEquipmentType().getValue())) {
                return number;
            }
            fallback = fallback == null ? number : fallback;
        }
        return fallback;
    }

    static String ukMobile(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[ ()-]", "");
        if (digits.matches("07\\d{9}")) {
            return "+44" + digits.substring(1);
        }
        if (digits.matches("\\+447\\d{9}")) {
            return digits;
        }
        if (digits.matches("447\\d{9}")) {
            return "+" + digits;
        }
        return null;
    }

    private static <T extends Structure> T one(Group group, String name, Class<T> type) throws HL7Exception {
        List<T> found = all(group, name, type);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every segment of that name wherever the message structure puts it (ADT_A01, A03 and A09 differ). */
    private static <T extends Structure> List<T> all(Group group, String name, Class<T> type) throws HL7Exception {
        List<T> found = new ArrayList<>();
        for (String child : group.getNames()) {
            for (Structure structure : group.getAll(child)) {
                if (structure instanceof Group nested) {
                    found.addAll(all(nested, name, type));
                } else if (name.equals(structure.getName()) && type.isInstance(structure) && !structure.isEmpty()) {
                    found.add(type.cast(structure));
                }
            }
        }
        return found;
    }

    private static List<String> nonBlank(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }

    private static String nonBlankOr(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
