package org.handover.rules.discharge;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * When a council must have acknowledged a discharge notification: {@code hours} after it was sent, or
 * {@code weekendHours} when the normal window reaches into a Saturday or Sunday (local practice: 48 hours, 72 over a
 * weekend). Computed in the trust's local time.
 */
public record AcknowledgementDeadline(int hours, int weekendHours) {

    public AcknowledgementDeadline {
        if (hours < 1 || weekendHours < hours) {
            throw new IllegalArgumentException("Deadline hours must be at least 1, and weekend hours at least as many"
                    + " (were " + hours + " and " + weekendHours + ")");
        }
    }

    public static AcknowledgementDeadline defaults() {
        return new AcknowledgementDeadline(48, 72);
    }

    public ZonedDateTime due(ZonedDateTime sentAt) {
        ZonedDateTime normal = sentAt.plusHours(hours);
        return spansWeekend(sentAt, normal) ? sentAt.plusHours(weekendHours) : normal;
    }

    /** Whether [from, to) overlaps any part of a Saturday or a Sunday. */
    static boolean spansWeekend(ZonedDateTime from, ZonedDateTime to) {
        for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (weekend && to.isAfter(day.atStartOfDay(to.getZone()))) {
                return true;
            }
        }
        return false;
    }
}
