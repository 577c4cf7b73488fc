package org.handover.adt;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * HL7 v2.5 original-mode acknowledgements: AA when the message is stored, AE (content wrong) or AR (message not
 * taken) with an ERR segment carrying the location (ERR-2), the HL7 error code (ERR-3, table 0357), severity and a
 * readable text naming the field (ERR-8, also in MSA-3 for senders that only show that). Written with the sender's
 * delimiters ({@link Delimiters}), each segment ended by a carriage return whatever ended the sender's.
 */
final class Acknowledgements {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    private static final String SEGMENT_END = "\r";

    private final Clock clock;
    private final ZoneId zone;
    private final String application;
    private final String facility;

    Acknowledgements(Clock clock, ZoneId zone, String application, String facility) {
        this.clock = clock;
        this.zone = zone;
        this.application = application;
        this.facility = facility;
    }

    String accepted(MshHeader inbound, String note) {
        Delimiters d = Delimiters.of(inbound);
        return header(inbound, d) + d.join("MSA", "AA", d.escape(controlId(inbound)), d.escape(limit(note, 80)))
                + SEGMENT_END;
    }

    String refused(MshHeader inbound, RefusedEvent refusal) {
        Delimiters d = Delimiters.of(inbound);
        String code = refusal.reject() ? "AR" : "AE";
        String text = refusal.getMessage();
        return header(inbound, d)
                + d.join("MSA", code, d.escape(controlId(inbound)), d.escape(limit(text, 80))) + SEGMENT_END
                + d.join("ERR", "", location(refusal.field(), d), d.components(String.valueOf(refusal.code().value()),
                        d.escape(refusal.code().text()), "HL70357"), "E", "", "", "", d.escape(limit(text, 250)))
                + SEGMENT_END;
    }

    /** MSH-1 and MSH-2 as the sender wrote them (HL7 lets each sender choose), so that its engine reads the answer. */
    private String header(MshHeader inbound, Delimiters d) {
        String trigger = inbound == null ? "" : d.escape(inbound.triggerEvent());
        String processing = inbound == null || inbound.processingId().isBlank() ? "P" : d.escape(inbound.processingId());
        return "MSH" + d.field() + d.encoding() + d.field() + d.join(d.escape(application), d.escape(facility),
                inbound == null ? "" : d.escape(inbound.sendingApplication()),
                inbound == null ? "" : d.escape(inbound.sendingFacility()),
                HL7_TIME.format(clock.instant().atZone(zone)), "", d.components("ACK", trigger, "ACK"),
                UUID.randomUUID().toString().replace("-", "").substring(0, 20), processing, "2.5") + SEGMENT_END;
    }

    private static String controlId(MshHeader inbound) {
        return inbound == null ? "" : inbound.controlId();
    }

    /** "PID-3" becomes the ERL "PID^1^3"; "MSH-9" "MSH^1^9"; a whole segment "PV1" "PV1^1"; anything else is left out. */
    static String location(String field) {
        return location(field, Delimiters.STANDARD);
    }

    private static String location(String field, Delimiters d) {
        if (field == null) {
            return "";
        }
        if (field.matches("[A-Z][A-Z0-9]{2}")) {
            return d.components(field, "1");
        }
        String[] parts = field.split("[-.]");
        if (parts.length < 2 || parts[0].length() != 3 || !parts[1].chars().allMatch(Character::isDigit)) {
            return "";
        }
        String erl = d.components(parts[0], "1", parts[1]);
        return parts.length > 2 && parts[2].chars().allMatch(Character::isDigit)
                ? d.components(erl, "1", parts[2]) : erl;
    }

    private static String limit(String text, int length) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\r\\n]+", " ");
        return flat.length() <= length ? flat : flat.substring(0, length - 3) + "...";
    }
}
