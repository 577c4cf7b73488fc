package org.handover.messaging;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.handover.domain.Masking;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The delivery ledger for administrators: what was sent, where it is, what went wrong. Reads are audited. */
@RestController
@RequestMapping("/api/admin/deliveries")
class DeliveryAdminController {

    private static final String COLUMNS = """
            id, channel, recipient, message_type, correlation_key, status, attempts, next_attempt_at, last_error,
            remote_id, created_at, updated_at, sent_at, delivered_at, acknowledged_at
            """;

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    DeliveryAdminController(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    List<LedgerEntry> list(@RequestParam(required = false) DeliveryStatus status,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String correlationKey,
            @RequestParam(defaultValue = "100") int limit) {
        int rows = Math.max(1, Math.min(limit, 1000));
        String statusName = status == null ? null : status.name();
        return jdbc.query("select " + COLUMNS + """
                from outbox_message
                where (cast(? as varchar(16)) is null or status = ?)
                  and (cast(? as varchar(32)) is null or channel = ?)
                  and (cast(? as varchar(128)) is null or correlation_key = ?)
                order by created_at desc fetch first %d rows only
                """.formatted(rows), this::entry,
                statusName, statusName, channel, channel, correlationKey, correlationKey);
    }

    @GetMapping("/summary")
    Map<String, Long> summary() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status.name(), 0L);
        }
        jdbc.query("select status, count(*) as n from outbox_message group by status",
                row -> { counts.put(row.getString("status"), row.getLong("n")); });
        return counts;
    }

    @GetMapping("/{id}")
    LedgerEntry read(@PathVariable String id, Principal user) {
        LedgerEntry entry = jdbc.query("select " + COLUMNS + " from outbox_message where id = ?", this::entry, id)
                .stream().findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No message " + id + " in the ledger"));
        audit.read(user.getName(), "delivery/" + id, null, "Delivery ledger entry");
        return entry;
    }

    private LedgerEntry entry(ResultSet row, int n) throws SQLException {
        return new LedgerEntry(row.getString("id"), row.getString("channel"),
                Masking.maskTail(row.getString("recipient")), row.getString("message_type"),
                row.getString("correlation_key"), row.getString("status"), row.getInt("attempts"),
                instant(row, "next_attempt_at"), row.getString("last_error"), row.getString("remote_id"),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "sent_at"),
                instant(row, "delivered_at"), instant(row, "acknowledged_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Recipient masked: an administrator needs to tell messages apart, not to read addresses and phone numbers. */
    record LedgerEntry(String id, String channel, String recipient, String type, String correlationKey, String status,
            int attempts, Instant nextAttemptAt, String lastError, String remoteId, Instant createdAt,
            Instant updatedAt, Instant sentAt, Instant deliveredAt, Instant acknowledgedAt) {
    }
}
