package org.handover.quarantine;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.handover.domain.Masking;
import org.handover.domain.StorableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps every input Handover refused, with the reason the sender was given, for administrators to review.
 * Runs in its own transaction so that the refusal is kept even when the caller's work rolls back.
 */
@Service
public class Quarantine {

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);
    private static final int MAX_PAYLOAD = 1_000_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Quarantine(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param source where it came from, e.g. "sms", "fhir-servicerequest", "hl7-mllp"
     * @param reason what was wrong, as told to the sender
     * @return the quarantine id, to quote back to the sender
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String keep(String source, String reason, String payload) {
        String id = UUID.randomUUID().toString();
        String kept = payload != null && payload.length() > MAX_PAYLOAD ? payload.substring(0, MAX_PAYLOAD) : payload;
        // a refusal must never fail to be kept because of what was refused: a NUL in a payload or in a reason
        // quoting it made PostgreSQL throw, and the input was lost instead of quarantined
        jdbc.update("insert into quarantined_input (id, source, reason, payload, received_at) values (?, ?, ?, ?, ?)",
                id, source, StorableText.of(truncate(reason)), StorableText.of(kept), Timestamp.from(clock.instant()));
        log.warn("Quarantined input {} from {}: {}", id, source, Masking.maskNhsNumbers(reason));
        return id;
    }

    private static String truncate(String reason) {
        String text = reason == null ? "No reason given" : reason;
        return text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
