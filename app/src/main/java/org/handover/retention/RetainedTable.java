package org.handover.retention;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.handover.routes.delivery.Channel;

/**
 * One operational table the job keeps short: which of its rows are finished, since when, and what must still keep a
 * finished row. A batch reads a page of the oldest finished rows (no locks), then deletes them in one statement that
 * checks again that each is finished and needed by nothing: its update count is what it deleted, so two nodes running
 * at once never count a row twice. On PostgreSQL that statement takes its rows {@code for update skip locked}, so a
 * node never waits for the other's batch.
 *
 * @param name       the table, as the metrics and the log name it
 * @param key        its primary key column (the pages' tie-breaker after the time)
 * @param keyBefore  a value of the key's type that sorts before every key (the cursor's start)
 * @param age        how long a finished row is kept
 * @param finishedAt the column the age counts from
 * @param finished   the condition on {@code t} (the table) for a finished row
 * @param references queries for what still needs a finished row: a row any of them finds is kept
 */
record RetainedTable(String name, String key, Object keyBefore, Duration age, String finishedAt, String finished, List<String> references) {

    /** Conversations of the Friends and Family Test still waiting for something (docs/decisions/0004). */
    private static final String OPEN_FFT = "'SCHEDULED', 'AWAITING_ANSWER', 'AWAITING_CLARIFIED_ANSWER', 'AWAITING_COMMENT'";

    static List<RetainedTable> all(RetentionProperties properties) {
        return List.of(outbox(properties.outboxMessage()), inbound(properties.inboundMessage()),
                quarantine(properties.quarantine()), hospitalEvent(properties.hospitalEvent()),
                encounterDispatch(properties.encounterDispatch()), meshInbound(properties.meshInbound()));
    }

    /**
     * Delivered, acknowledged, undeliverable (the receipt said so) or abandoned (a person said so); mail once sent,
     * as SMTP has no receipt. Never a message still on its way or waiting for a receipt, an acknowledgement or a
     * person (pending, queued, sending, failed, dead, sent on a channel with receipts), nor one that a process still
     * running (by the message id: Delivery failed; by the sender's correlation key: the process that sent it), an FFT
     * conversation still open, or a CHC case refers to: the case shows its letters from the ledger, so they are
     * kept with the case.
     */
    static RetainedTable outbox(Duration age) {
        // the status list is the partial index's (V24) to the letter: PostgreSQL proves the index usable from it, and
        // did not from "status in (...) or (status = 'SENT' and ...)" (a scan of the ledger per page: 185 ms, not 0.3)
        return new RetainedTable("outbox_message", "id", "", age, "updated_at", """
                t.status in ('SENT', 'DELIVERED', 'ACKNOWLEDGED', 'UNDELIVERABLE', 'ABANDONED')
                  and (t.status <> 'SENT' or t.channel = '%s')""".formatted(Channel.SOCIAL_CARE.id()), List.of(
                "select 1 from act_ru_execution e where e.business_key_ = t.id",
                "select 1 from act_ru_execution e where e.business_key_ = t.correlation_key",
                "select 1 from fft_conversation f where f.id = t.correlation_key and f.state in (" + OPEN_FFT + ")",
                "select 1 from chc_case c where c.id = t.correlation_key"));
    }

    /** Processed (an SMS reply, by the FFT), and not the reply of a conversation still open. */
    static RetainedTable inbound(Duration age) {
        return new RetainedTable("inbound_message", "id", "", age, "processed_at", "t.processed_at is not null", List.of(
                "select 1 from fft_reply r join fft_conversation f on f.id = r.conversation_id"
                        + " where r.id = t.id and f.state in (" + OPEN_FFT + ")"));
    }

    /** Reviewed by an administrator; an entry nobody has reviewed is kept however old. */
    static RetainedTable quarantine(Duration age) {
        return new RetainedTable("quarantined_input", "id", "", age, "reviewed_at", "t.reviewed_at is not null",
                List.of());
    }

    /**
     * A hospital event (the ADT message or FHIR Encounter as received) is finished once stored; kept while the
     * contract events it published wait to be dispatched or lie quarantined for a person. Its (sender, message id)
     * key recognises a repeat only while it is kept; after that the episode (hospital_episode, kept) does: a repeated
     * discharge of a discharged episode publishes nothing.
     */
    static RetainedTable hospitalEvent(Duration age) {
        return new RetainedTable("hospital_event", "id", "", age, "received_at", "t.received_at is not null", List.of(
                "select 1 from encounter_dispatch d where d.hospital_event_id = t.id and d.state <> 'DISPATCHED'"));
    }

    /** Handed to the workflows; pending or quarantined rows are never finished. */
    static RetainedTable encounterDispatch(Duration age) {
        return new RetainedTable("encounter_dispatch", "seq", Long.MIN_VALUE, age, "dispatched_at",
                "t.state = 'DISPATCHED'", List.of());
    }

    /** What the trust's MESH inbox held (the GPs' acknowledgements, MESH reports), recorded when it was taken. */
    static RetainedTable meshInbound(Duration age) {
        return new RetainedTable("mesh_inbound_message", "mesh_message_id", "", age, "received_at",
                "t.received_at is not null", List.of());
    }

    /**
     * The next page of finished rows older than the cutoff, oldest first, after the cursor (parameters: cutoff, cursor
     * time twice, cursor key): the key and the time it finished. Read along the index of finished rows and never
     * again in the same run, so a batch costs the same at the start of a night's backlog as at its end, and rows kept
     * because something still needs them are passed once (measured: one statement that filtered, sorted and limited
     * the whole backlog read all 200,000 rows for each batch of 500).
     */
    String page(int batchSize) {
        return """
                select t.%5$s, t.%1$s from %2$s t
                where %3$s and t.%1$s < ? and t.%1$s >= ? and (t.%1$s > ? or t.%5$s > ?)
                order by t.%1$s, t.%5$s fetch first %4$d rows only
                """.formatted(finishedAt, name, finished, batchSize, key);
    }

    /**
     * Deletes those of a page's rows (parameters: the ids, then the cutoff) that are still finished and that nothing
     * needs; on PostgreSQL it skips rows another node has locked (that node deletes them).
     */
    String deletePage(int ids, boolean postgres) {
        StringBuilder unreferenced = new StringBuilder();
        references.forEach(reference -> unreferenced.append("\n    and not exists (").append(reference).append(')'));
        return """
                delete from %1$s where %7$s in (
                  select t.%7$s from %1$s t
                  where t.%7$s in (%2$s) and %3$s and t.%4$s < ?%5$s%6$s)
                """.formatted(name, String.join(", ", Collections.nCopies(ids, "?")), finished, finishedAt,
                unreferenced, postgres ? "\n  for update skip locked" : "", key);
    }

    /** When the oldest finished row still kept was finished, whatever keeps it: null when there is none. */
    String oldestFinished() {
        return "select min(t.%1$s) from %2$s t where %3$s".formatted(finishedAt, name, finished);
    }
}
