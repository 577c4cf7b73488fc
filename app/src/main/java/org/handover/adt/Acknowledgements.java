package org.handover.adt;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * HL7 v2.5 original-mode acknowledgements: AA when the message is stored, AE (content wrong) or AR (message not
 * taken) with an ERR segment carrying the location (ERR-2), the HL7 error code (ERR-3, table 0357), severity and a
 * readable text naming the field (ERR-8, also in MSA-3 for senders that only show that).
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
        return header(inbound) + "MSA|AA|" + escape(controlId(inbound)) + "|" + escape(limit(note, 80)) + SEGMENT_END;
    }

    String refused(MshHeader inbound, RefusedEvent refusal) {
        String code = refusal.reject() ? "AR" : "AE";
        String text = refusal.getMessage();
        return header(inbound)
                + "MSA|" + code + "|" + escape(controlId(inbound)) + "|" + escape(limit(text, 80)) + SEGMENT_END
                + "ERR||" + location(refusal.field()) + "|" + refusal.code().value() + "^"
                + escape(refusal.code().text()) + "^HL70357|E||||" + escape(limit(text, 250)) + SEGMENT_END;
    }

    private String header(MshHeader inbound) {
        String trigger = inbound == null ? "" : escape(inbound.triggerEvent());
        String processing = inbound == null || inbound.processingId().isBlank() ? "P" : escape(inbound.processingId());
        return "MSH|^~\\&|" + escape(application) + "|" + escape(facility) + "|"
                + (inbound == null ? "" : escape(inbound.sendingApplication())) + "|"
                + (inbound == null ? "" : escape(inbound.sendingFacility())) + "|"
                + HL7_TIME.format(clock.instant().atZone(zone)) + "||ACK^" + trigger + "^ACK|"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "|" + processing + "|2.5"
                + SEGMENT_END;
    }

    private static String controlId(MshHeader inbound) {
        return inbound == null ? "" : inbound.controlId();
    }

    /** "PID-3" becomes the ERL "PID^1^3"; "MSH-9" "MSH^1^9"; a whole segment "PV1" "PV1^1"; anything else is left out. */
    static String location(String field) {
        if (field == null) {
            return "";
        }
        if (field.matches("[A-Z][A-Z0-9]{2}")) {
            return field + "^1";
        }
        String[] parts = field.split("[-.]");
        if (parts.length < 2 || parts[0].length() != 3 || !parts[1].chars().allMatch(Character::isDigit)) {
            return "";
        }
        String erl = parts[0] + "^1^" + parts[1];
        return parts.length > 2 && parts[2].chars().allMatch(Character::isDigit) ? erl + "^1^" + parts[2] : erl;
    }

    private static String limit(String text, int length) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("[\\r\\n]+", " ");
        return flat.length() <= length ? flat : flat.substring(0, length - 3) + "...";
    }

    /** HL7 escape sequences for the delimiters, so a reason can quote what the sender sent. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\E\\");
                case '|' -> out.append("\\F\\");
                case '^' -> out.append("\\S\\");
                case '~' -> out.append("\\R\\");
                case '&' -> out.append("\\T\\");
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
