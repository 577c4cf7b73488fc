package org.handover.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.handover.domain.NhsNumber;
import org.handover.domain.SyntheticData;
import org.handover.domain.SyntheticPatient;

/**
 * Seeded inputs for ops/faults/inject.sh's fifth fault: valid referrals (FHIR JSON and XML), HL7 v2 admissions and
 * patients' texts, and each spoilt in one of the {@link Kind}s a sender gets wrong. The same seed gives the same
 * inputs, so a refusal the run finds can be sent again by hand.
 */
final class MalformedInputs {

    /** Where an input goes. */
    enum Target { FHIR_JSON, FHIR_XML, HL7, SMS }

    /** One way of spoiling an input; the weight is its share of the malformed inputs. */
    enum Kind {
        FHIR_JSON_TRUNCATED(Target.FHIR_JSON, 10),
        FHIR_JSON_WRONG_TYPE(Target.FHIR_JSON, 10),
        FHIR_JSON_BAD_NHS_NUMBER(Target.FHIR_JSON, 10),
        FHIR_JSON_INVALID_UTF8(Target.FHIR_JSON, 10),
        FHIR_JSON_MISSING_UBRN(Target.FHIR_JSON, 5),
        FHIR_JSON_NOT_JSON(Target.FHIR_JSON, 5),
        FHIR_JSON_OVERSIZE(Target.FHIR_JSON, 1),
        FHIR_XML_TRUNCATED(Target.FHIR_XML, 8),
        FHIR_XML_WRONG_TYPE(Target.FHIR_XML, 8),
        FHIR_XML_BAD_NHS_NUMBER(Target.FHIR_XML, 8),
        FHIR_XML_INVALID_UTF8(Target.FHIR_XML, 8),
        FHIR_XML_EXTERNAL_ENTITY(Target.FHIR_XML, 4),
        HL7_TRUNCATED(Target.HL7, 8),
        HL7_BAD_NHS_NUMBER(Target.HL7, 8),
        HL7_WRONG_SEGMENT_ORDER(Target.HL7, 8),
        HL7_INVALID_UTF8(Target.HL7, 8),
        HL7_MISSING_PID(Target.HL7, 5),
        HL7_BAD_DATE(Target.HL7, 5),
        SMS_GARBLED(Target.SMS, 8),
        SMS_CONTROL_CHARACTERS(Target.SMS, 4),
        SMS_LONG(Target.SMS, 4);

        final Target target;
        final int weight;

        Kind(Target target, int weight) {
            this.target = target;
            this.weight = weight;
        }
    }

    /**
     * One input to send.
     *
     * @param kind null for a valid input
     * @param body the bytes as sent (for SMS, the text in UTF-8)
     * @param key  the UBRN, MSH-10 or phone number it was sent under
     */
    record Input(int number, Target target, Kind kind, byte[] body, String key) {

        boolean valid() {
            return kind == null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Phones the garbled texts come from: a range no benchmark patient has (FftLoad's are +4477...). */
    static final String PHONE_PREFIX = "+4479";
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final int OVERSIZE_CHARS = 1_000_100;
    private static final byte[][] INVALID_UTF8 = {
            {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}};
    private static final String GARBLE = "?!#%&*()[]{}<>/\\|~^`'\",.;:@=+_-0123456789 \u00e9\u00fc\u00f1\u20ac\u00a3"
            + "\u2603\u4e2d\u0416\u05d0\ud83d\ude00\ud83d\udc4d";

    private final Random random;
    private final SyntheticData patients;
    private final String runId;
    private final int totalWeight = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();

    MalformedInputs(long seed, String runId) {
        this.random = new Random(seed);
        this.patients = new SyntheticData(seed * 31 + 7);
        this.runId = runId;
    }

    /** Input number {@code n}: valid, or spoilt in a kind drawn by weight. */
    Input next(int n, boolean valid) {
        if (valid) {
            Target target = List.of(Target.FHIR_JSON, Target.FHIR_XML, Target.HL7).get(random.nextInt(3));
            return validInput(n, target);
        }
        return malformed(n, drawKind());
    }

    Input malformed(int n, Kind kind) {
        Input base = validInput(n, kind.target == Target.SMS ? Target.SMS : kind.target);
        byte[] body = switch (kind) {
            case FHIR_JSON_TRUNCATED, FHIR_XML_TRUNCATED -> truncated(base.body());
            case HL7_TRUNCATED -> truncatedBeforeTheVisit(base);
            case FHIR_JSON_WRONG_TYPE -> utf8(oneOf(base.text(),
                    new String[] {"\"status\":\"active\"", "\"status\":42"},
                    new String[] {"\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/UBRN\"", "\"identifier\":\"x\",\"y\":[{\"system\":\"https://fhir.nhs.uk/Id/UBRN\""},
                    new String[] {"\"subject\":{\"reference\":\"#patient\"}", "\"subject\":[true]"},
                    new String[] {"\"birthDate\":\"", "\"birthDate\":\"31-02-"},
                    new String[] {"\"resourceType\":\"ServiceRequest\"", "\"resourceType\":\"Bundle\""}));
            case FHIR_XML_WRONG_TYPE -> utf8(oneOf(base.text(),
                    new String[] {"<status value=\"active\"/>", "<status value=\"maybe\"/>"},
                    new String[] {"<birthDate value=\"", "<birthDate value=\"31-02-"},
                    new String[] {"<intent value=\"order\"/>", "<intent><coding/></intent>"}));
            case FHIR_JSON_BAD_NHS_NUMBER, FHIR_XML_BAD_NHS_NUMBER, HL7_BAD_NHS_NUMBER ->
                    utf8(base.text().replace(nhsNumberIn(base), badNhsNumber(nhsNumberIn(base))));
            case FHIR_JSON_INVALID_UTF8, FHIR_XML_INVALID_UTF8, HL7_INVALID_UTF8 -> invalidUtf8(base.body());
            case FHIR_JSON_MISSING_UBRN -> utf8(base.text().replaceFirst(
                    "\"identifier\":\\[\\{\"system\":\"https://fhir.nhs.uk/Id/UBRN\",\"value\":\"\\d+\"}],", ""));
            case FHIR_JSON_NOT_JSON -> utf8(garble(20 + random.nextInt(200)));
            case FHIR_JSON_OVERSIZE -> utf8(base.text().replace("Synthetic referral",
                    "x".repeat(OVERSIZE_CHARS) + " Synthetic referral"));
            case FHIR_XML_EXTERNAL_ENTITY -> utf8(base.text().replaceFirst("<ServiceRequest",
                    "<!DOCTYPE ServiceRequest [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]><ServiceRequest")
                    .replace("Synthetic referral", "&secret; Synthetic referral"));
            case HL7_WRONG_SEGMENT_ORDER -> utf8(wrongOrder(base.text()));
            case HL7_MISSING_PID -> utf8(base.text().replaceFirst("PID\\|[^\r]*\r", ""));
            case HL7_BAD_DATE -> utf8(base.text().replaceFirst("\\|(\\d{14})\\|\r", "|2026-13-45T25:61|\r"));
            case SMS_GARBLED -> utf8(harmless(garble(1 + random.nextInt(60))));
            case SMS_CONTROL_CHARACTERS -> utf8(harmless("\u0000\u0007" + garble(5) + "\u001b[31m\u0008\u007f"
                    + random.nextInt(10)));
            case SMS_LONG -> utf8(harmless(garble(400 + random.nextInt(500))));
        };
        return new Input(n, kind.target, kind, body, base.key());
    }

    Kind drawKind() {
        int pick = random.nextInt(totalWeight);
        for (Kind kind : Kind.values()) {
            pick -= kind.weight;
            if (pick < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights");
    }

    private Input validInput(int n, Target target) {
        SyntheticPatient patient = patients.patient();
        return switch (target) {
            case FHIR_JSON -> new Input(n, target, null, utf8(ReferralLoad.referral(runId, n, patient)),
                    ReferralLoad.ubrn(runId, n));
            case FHIR_XML -> new Input(n, target, null, utf8(xmlReferral(runId, n, patient)),
                    ReferralLoad.ubrn(runId, n));
            case HL7 -> new Input(n, target, null, utf8(admission(controlId(n), patient)), controlId(n));
            case SMS -> new Input(n, target, null, utf8(harmless(garble(3))), PHONE_PREFIX + String.format("%08d", n));
        };
    }

    private String controlId(int n) {
        return "F" + Math.abs(runId.hashCode() % 100_000) + "-" + n;
    }

    /** The same referral as {@link ReferralLoad#referral} in FHIR XML, written out: HAPI's conversion cost more CPU. */
    private static String xmlReferral(String runId, int n, SyntheticPatient patient) {
        String[] specialty = ReferralLoad.SPECIALTIES[n % ReferralLoad.SPECIALTIES.length];
        return """
                <ServiceRequest xmlns="http://hl7.org/fhir">\
                <contained><Patient><id value="patient"/>\
                <identifier><system value="https://fhir.nhs.uk/Id/nhs-number"/><value value="%s"/></identifier>\
                <name><family value="%s"/><given value="%s"/></name>\
                <telecom><system value="phone"/><value value="%s"/><use value="mobile"/></telecom>\
                <birthDate value="%s"/>\
                <address><line value="%s"/><city value="%s"/><postalCode value="%s"/></address></Patient></contained>\
                <contained><PractitionerRole><id value="referrer"/><practitioner><display value="Dr Benchmark"/></practitioner>\
                <organization><identifier><system value="https://fhir.nhs.uk/Id/ods-organization-code"/><value value="%s"/>\
                </identifier></organization></PractitionerRole></contained>\
                <identifier><system value="https://fhir.nhs.uk/Id/UBRN"/><value value="%s"/></identifier>\
                <status value="active"/><intent value="order"/><priority value="routine"/>\
                <code><coding><system value="https://fhir.nhs.uk/CodeSystem/eRS-Specialty"/><code value="%s"/>\
                <display value="%s"/></coding></code>\
                <subject><reference value="#patient"/></subject><requester><reference value="#referrer"/></requester>\
                <reasonCode><text value="%s"/></reasonCode>\
                <note><text value="%s Synthetic referral %d of %s."/></note></ServiceRequest>""".formatted(
                patient.nhsNumber().value(), xmlText(patient.familyName()), xmlText(patient.givenName()),
                patient.mobile(), patient.birthDate(), xmlText(patient.addressLine()), xmlText(patient.town()),
                patient.postcode(), patient.gpPracticeOds(), ReferralLoad.ubrn(runId, n), specialty[0], specialty[1],
                specialty[2], specialty[2], n, runId);
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    /** An A01 as a PAS sends it: the fields Handover's reader needs, a synthetic patient. */
    private static String admission(String controlId, SyntheticPatient patient) {
        String now = HL7_TIME.format(LocalDateTime.now());
        return "MSH|^~\\&|FUZZPAS|RX1|HANDOVER|RX1|" + now + "||ADT^A01^ADT_A01|" + controlId + "|P|2.5\r"
                + "EVN|A01|" + now + "\r"
                + "PID|1||" + patient.nhsNumber().value() + "^^^NHS^NH||" + patient.familyName() + "^"
                + patient.givenName() + "||" + patient.birthDate().toString().replace("-", "") + "|F|||"
                + patient.addressLine() + "^^" + patient.town() + "^^" + patient.postcode() + "^GBR||"
                + "07700900123^PRN^CP\r"
                + "PD1|||Practice^^" + patient.gpPracticeOds() + "\r"
                + "PV1|1|I|Ward 7^^^RX1||||C1^Hopper^Grace^^^Dr|||430|||||||||FUZZ-" + controlId
                + "|".repeat(25) + HL7_TIME.format(LocalDateTime.now().minusDays(1)) + "|\r";
    }

    private static String nhsNumberIn(Input base) {
        var matcher = java.util.regex.Pattern.compile("(?<!\\d)(\\d{10})(?!\\d)").matcher(base.text());
        if (base.target() == Target.HL7) {
            matcher = java.util.regex.Pattern.compile("PID\\|1\\|\\|(\\d{10})").matcher(base.text());
        }
        if (!matcher.find()) {
            throw new IllegalStateException("no NHS number in the valid input");
        }
        return matcher.group(1);
    }

    /** Wrong check digit, letters, too short, or the all-zero number. */
    private String badNhsNumber(String good) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                String nine = good.substring(0, 9);
                for (int d = 0; d < 10; d++) {
                    String candidate = nine + d;
                    if (!NhsNumber.isValid(candidate)) {
                        yield candidate;
                    }
                }
                yield nine + "X";
            }
            case 1 -> good.substring(0, 4) + "ABC" + good.substring(7);
            case 2 -> good.substring(0, 9);
            default -> noCheckDigit(good);
        };
    }

    /** Nine digits whose check digit would be 10 (no valid number starts with them), then any tenth digit. */
    private static String noCheckDigit(String good) {
        for (int k = 0; k < 1_000; k++) {
            String nine = good.substring(0, 6) + String.format("%03d", (Integer.parseInt(good.substring(6, 9)) + k) % 1_000);
            if (NhsNumber.withCheckDigit(nine).isEmpty()) {
                return nine + "0";
            }
        }
        return good.substring(0, 9) + "A";
    }

    private byte[] truncated(byte[] body) {
        int cut = 8 + random.nextInt(Math.max(1, body.length - 16));
        return Arrays.copyOf(body, cut);
    }

    /**
     * Cut before PV1, the last segment: a cut inside the last segment of a whole MLLP frame cannot be told from a
     * message sent without its final carriage return, which Handover takes (adt/Hl7Segments); an A01 without its PV1
     * is refused.
     */
    private byte[] truncatedBeforeTheVisit(Input base) {
        String text = base.text();
        int visit = text.substring(0, text.indexOf("\rPV1|") + 1).getBytes(StandardCharsets.UTF_8).length;
        return Arrays.copyOf(base.body(), 8 + random.nextInt(visit - 7));
    }

    /** Bytes that are not UTF-8, put inside the patient's family name (or anywhere when it cannot be found). */
    private byte[] invalidUtf8(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int at = Math.max(text.indexOf("\"family\":\"") + 10, Math.max(text.indexOf("<family value=\"") + 15,
                text.indexOf("PID|1||") >= 0 ? text.indexOf("||", text.indexOf("PID|1||") + 7) + 2 : -1));
        at = at <= 15 ? body.length / 2 : text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        out.write(body, 0, at);
        out.writeBytes(INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static String wrongOrder(String message) {
        String[] segments = message.split("\r");
        StringBuilder out = new StringBuilder(segments[0]).append('\r');
        // PV1 before PID, EVN last: a PAS whose interface engine sorted segments wrongly
        for (String name : List.of("PV1", "PD1", "PID", "EVN")) {
            for (String segment : segments) {
                if (segment.startsWith(name + "|")) {
                    out.append(segment).append('\r');
                }
            }
        }
        return out.toString();
    }

    private String garble(int length) {
        StringBuilder text = new StringBuilder(length);
        int[] points = GARBLE.codePoints().toArray();
        while (text.length() < length) {
            text.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return text.toString();
    }

    /** Never a keyword a patient uses to opt out or in: the garbled texts are replies nobody can read. */
    private static String harmless(String text) {
        String upper = text.toUpperCase();
        return upper.contains("STOP") || upper.contains("START") ? "?" + text.replaceAll("(?i)st", "s-t") : text;
    }

    @SafeVarargs
    private String oneOf(String text, String[]... replacements) {
        for (int tries = 0; tries < replacements.length; tries++) {
            String[] pair = replacements[random.nextInt(replacements.length)];
            if (text.contains(pair[0])) {
                return text.replaceFirst(java.util.regex.Pattern.quote(pair[0]),
                        java.util.regex.Matcher.quoteReplacement(pair[1]));
            }
        }
        return text.replace("\"status\":\"active\"", "\"status\":42").replace("<status value=\"active\"/>",
                "<status value=\"maybe\"/>");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
