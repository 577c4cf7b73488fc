package org.handover.adt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.handover.adt.RefusedEvent.ErrorCode;

/**
 * HL7 v2 date/times (DTM: YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]). A time without an offset is local time at the
 * trust (Europe/London by default), as PAS systems send it.
 */
final class Hl7Times {

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,4}))?)?)?([+-]\\d{4})?");

    private Hl7Times() {
    }

    /** Null for an empty value; refuses with the field named when the value is not a date/time to the minute. */
    static Instant instant(String value, String field, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = DTM.matcher(value.strip());
        if (!m.matches()) {
            throw notATime(value, field);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalDateTime time = m.group(4) == null ? date.atStartOfDay()
                    : date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            if (m.group(8) != null) {
                return time.toInstant(ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3)));
            }
            return time.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw notATime(value, field);
        }
    }

    static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        Matcher m = DTM.matcher(v);
        if (!m.matches()) {
            throw notATime(value, field);
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw notATime(value, field);
        }
    }

    private static RefusedEvent notATime(String value, String field) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return RefusedEvent.error(ErrorCode.DATA_TYPE_ERROR, field,
                "'" + shown + "' is not an HL7 date/time (YYYYMMDD[HHMM[SS]][+/-ZZZZ])");
    }
}
