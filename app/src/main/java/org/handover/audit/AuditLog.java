package org.handover.audit;

import java.sql.Timestamp;
import java.time.Clock;
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

    /**
     * A change recorded in the caller's transaction: the change and its audit entry commit together, or neither does
     * (one commit instead of two for a referral received).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changedWith(String userId, String resource, String nhsNumber, String reason) {
        record(userId, "CHANGE", resource, nhsNumber, reason);
    }

    private void record(String userId, String action, String resource, String nhsNumber, String reason) {
        jdbc.update("""
                insert into audit_event (occurred_at, user_id, action, resource, nhs_number, reason)
                values (?, ?, ?, ?, ?, ?)
                """, Timestamp.from(clock.instant()), userId, action, resource, nhsNumber, reason);
    }
}
