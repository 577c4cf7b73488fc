package org.handover.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the operational tables keep finished rows, and when the job deletes the rest
 * (docs/decisions/0010-retention.md). Each age counts from the moment the row was finished: the ledger's last status
 * change, the inbound message's processing, the quarantine entry's review.
 *
 * @param enabled        whether the nightly job runs on this node (the admin endpoint works either way)
 * @param windowStart    the nightly window, as Camunda's history cleanup ({@code historyCleanupBatchWindow*})
 * @param windowEnd      no batch starts at or after this time; before the start when the window spans midnight
 * @param zone           the zone the window is read in
 * @param checkInterval  how often the job looks whether it is in the window and has not yet finished tonight
 * @param batchSize      rows one statement deletes at most (one short transaction each)
 * @param batchPause     rest between batches, so the night's other work is never queued behind the job
 * @param outboxMessage  delivered, acknowledged, undeliverable and abandoned messages (and mail once sent)
 * @param inboundMessage messages received and processed
 * @param quarantine     refused inputs, once an administrator has reviewed them
 * @param hospitalEvent  hospital events (ADT messages, FHIR Encounters) as received, once their events are dispatched
 * @param encounterDispatch the contract events handed to the workflows, once dispatched
 * @param meshInbound    what was taken from the trust's MESH inbox
 */
@ConfigurationProperties("handover.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("01:00") LocalTime windowStart,
        @DefaultValue("05:00") LocalTime windowEnd,
        @DefaultValue("Europe/London") ZoneId zone,
        @DefaultValue("1m") Duration checkInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("20ms") Duration batchPause,
        @DefaultValue("90d") Duration outboxMessage,
        @DefaultValue("90d") Duration inboundMessage,
        @DefaultValue("365d") Duration quarantine,
        @DefaultValue("90d") Duration hospitalEvent,
        @DefaultValue("90d") Duration encounterDispatch,
        @DefaultValue("90d") Duration meshInbound) {

    /** No setting can make the job delete what was finished less than a week ago: a typo must not empty a table. */
    static final Duration SHORTEST_AGE = Duration.ofDays(7);

    public RetentionProperties {
        List<String> problems = new ArrayList<>();
        checkAge("outbox-message", outboxMessage, problems);
        checkAge("inbound-message", inboundMessage, problems);
        checkAge("quarantine", quarantine, problems);
        checkAge("hospital-event", hospitalEvent, problems);
        checkAge("encounter-dispatch", encounterDispatch, problems);
        checkAge("mesh-inbound", meshInbound, problems);
        if (batchSize < 1 || batchSize > 10_000) {
            problems.add("handover.retention.batch-size must be between 1 and 10000, not " + batchSize);
        }
        if (windowStart.equals(windowEnd)) {
            problems.add("handover.retention.window-start and window-end are the same time: the window would be empty");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void checkAge(String name, Duration age, List<String> problems) {
        if (age == null || age.compareTo(SHORTEST_AGE) < 0) {
            problems.add("handover.retention." + name + " must be at least " + SHORTEST_AGE.toDays() + " days, not " + age);
        }
    }

    /** The night a moment belongs to: the date its window started on (the day before, after midnight). */
    LocalDate nightOf(ZonedDateTime now) {
        ZonedDateTime local = now.withZoneSameInstant(zone);
        boolean afterMidnightInAWindowFromTheDayBefore = windowStart.isAfter(windowEnd)
                && local.toLocalTime().isBefore(windowEnd);
        return afterMidnightInAWindowFromTheDayBefore ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    /** When a night's window opens. */
    Instant windowStartOf(LocalDate night) {
        return night.atTime(windowStart).atZone(zone).toInstant();
    }

    /** Whether a batch may start at this moment. */
    boolean inWindow(ZonedDateTime now) {
        LocalTime time = now.withZoneSameInstant(zone).toLocalTime();
        return windowStart.isBefore(windowEnd)
                ? !time.isBefore(windowStart) && time.isBefore(windowEnd)
                : !time.isBefore(windowStart) || time.isBefore(windowEnd);
    }
}
