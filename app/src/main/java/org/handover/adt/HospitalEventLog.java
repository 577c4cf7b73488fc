package org.handover.adt;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.handover.domain.StorableText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The hospital_event table (V9): every accepted message as received (a NUL, which PostgreSQL cannot hold, as U+FFFD:
 * {@link StorableText}), unique by sender and message id.
 */
@Repository
class HospitalEventLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    HospitalEventLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean contains(String sender, String messageId) {
        Integer count = jdbc.queryForObject("select count(*) from hospital_event where sender = ? and message_id = ?",
                Integer.class, sender, messageId);
        return count != null && count > 0;
    }

    /**
     * Stored with what the event did, after applying it: one statement instead of an insert and an update. Throws
     * DuplicateKeyException when a concurrent transaction stored the same message first.
     */
    String insert(HospitalEvent event, String payload, String outcome) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into hospital_event (id, sender, message_id, source, event_type, episode_id, nhs_number, outcome,
                 received_at, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, event.sender(), event.messageId(), event.source().code(), event.kind().hl7Trigger(),
                event.episodeId(), event.patient().nhsNumber(), outcome.length() > 500 ? outcome.substring(0, 500) : outcome,
                Timestamp.from(clock.instant()), StorableText.of(payload));
        return id;
    }
}
