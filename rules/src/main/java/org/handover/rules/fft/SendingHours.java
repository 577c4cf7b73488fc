package org.handover.rules.fft;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When to send the question: a delay after the encounter ended, then only within sending hours in the trust's
 * local time (default 09:00 to 20:00 Europe/London); outside them, at the start of the next sending window.
 * Works in local wall-clock time, so the window stays 09:00-20:00 on both sides of a clock change (in UTC it is
 * 08:00-19:00 in summer and 09:00-20:00 in winter).
 *
 * @param start first local time a text may go (inclusive)
 * @param end   local time from which no text goes (exclusive); after {@code start}
 */
public record SendingHours(Duration delay, LocalTime start, LocalTime end, ZoneId zone) {

    public SendingHours {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("sending hours must end after they start: " + start + "-" + end);
        }
    }

    /** Two hours, 09:00-20:00, Europe/London. */
    public static SendingHours defaults() {
        return new SendingHours(Duration.ofHours(2), LocalTime.of(9, 0), LocalTime.of(20, 0),
                ZoneId.of("Europe/London"));
    }

    /** The earliest instant at or after encounter end + delay that falls within sending hours. */
    public Instant sendAt(Instant encounterEnded) {
        Instant earliest = encounterEnded.plus(delay);
        ZonedDateTime local = earliest.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (time.isBefore(start)) {
            return opening(local.toLocalDate());
        }
        if (!time.isBefore(end)) {
            return opening(local.toLocalDate().plusDays(1));
        }
        return earliest;
    }

    public boolean isWithin(Instant instant) {
        LocalTime time = instant.atZone(zone).toLocalTime();
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** The window's start on {@code day}; if that local time does not exist that day (a gap), the first after it. */
    private Instant opening(LocalDate day) {
        return ZonedDateTime.of(day, start, zone).toInstant();
    }
}
