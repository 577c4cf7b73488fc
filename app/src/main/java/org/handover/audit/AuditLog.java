package org.handover.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who saw or changed what, about which patient, when and why. Written in its own transaction: a read is recorded
 * even when the request fails afterwards.
 */
@Service
public class AuditLog {

    private static final String INSERT = """
            insert into audit_event (occurred_at, user_id, action, resource, nhs_number, reason)
            values (?, ?, ?, ?, ?, ?)
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param nhsNumber ten digits, or null when the resource is not about one patient */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void read(String userId, String resource, String nhsNumber, String reason) {
        record(userId, "READ", resource, nhsNumber, reason);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void changed(String userId, String resource, String nhsNumber, String reason) {
        record(userId, "CHANGE", resource, nhsNumber, reason);
    }

    /** An action refused: who tried what, and why it was not done. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refused(String userId, String resource, String nhsNumber, String reason) {
        record(userId, "REFUSED", resource, nhsNumber, reason);
    }

    /** A change to one patient's record, one of several that {@link #changedAll} records together. */
    public record Change(String resource, String nhsNumber, String reason) {
    }

    /** Several changes by one user, as {@link #changed} records each, in one transaction. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void changedAll(String userId, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate(INSERT, changes.stream().map(change -> new Object[] {now, userId, "CHANGE", change.resource(),
                change.nhsNumber(), change.reason()}).toList());
    }

    /**
     * A change recorded in the caller's transaction: the change and its audit entry commit together, or neither does
     * (one commit instead of two for a referral received).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changedWith(String userId, String resource, String nhsNumber, String reason) {
        record(userId, "CHANGE", resource, nhsNumber, reason);
    }

    private void record(String userId, String action, String resource, String nhsNumber, String reason) {
        jdbc.update(INSERT, Timestamp.from(clock.instant()), userId, action, resource, nhsNumber, reason);
    }
}
