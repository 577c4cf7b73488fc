package org.handover.quarantine;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.handover.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Administrators list, read and mark reviewed what was refused. Payloads may hold patient data: reads are audited. */
@RestController
@RequestMapping("/api/admin/quarantine")
class QuarantineController {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final Clock clock;

    QuarantineController(JdbcTemplate jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    List<QuarantinedSummary> list(@RequestParam(required = false) String source,
            @RequestParam(defaultValue = "false") boolean includeReviewed,
            @RequestParam(defaultValue = "100") int limit) {
        int rows = Math.max(1, Math.min(limit, 1000));
        return jdbc.query("""
                select id, source, reason, received_at, reviewed_by from quarantined_input
                where (cast(? as varchar(64)) is null or source = ?) and (? or reviewed_at is null)
                order by received_at desc fetch first %d rows only
                """.formatted(rows),
                (row, n) -> new QuarantinedSummary(row.getString("id"), row.getString("source"),
                        row.getString("reason"), row.getTimestamp("received_at").toInstant(),
                        row.getString("reviewed_by")),
                source, source, includeReviewed);
    }

    @GetMapping("/{id}")
    QuarantinedInput read(@PathVariable String id, Principal user) {
        QuarantinedInput input = jdbc.query("select * from quarantined_input where id = ?",
                (row, n) -> new QuarantinedInput(row.getString("id"), row.getString("source"), row.getString("reason"),
                        row.getString("payload"), row.getTimestamp("received_at").toInstant(),
                        row.getString("reviewed_by")), id)
                .stream().findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No quarantined input " + id));
        audit.read(user.getName(), "quarantine/" + id, null, "Reviewing refused input");
        return input;
    }

    @PostMapping("/{id}/reviewed")
    void markReviewed(@PathVariable String id, Principal user) {
        int updated = jdbc.update("update quarantined_input set reviewed_by = ?, reviewed_at = ? where id = ?",
                user.getName(), Timestamp.from(clock.instant()), id);
        if (updated == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No quarantined input " + id);
        }
        audit.changed(user.getName(), "quarantine/" + id, null, "Marked reviewed");
    }

    record QuarantinedSummary(String id, String source, String reason, Instant receivedAt, String reviewedBy) {
    }

    record QuarantinedInput(String id, String source, String reason, String payload, Instant receivedAt,
            String reviewedBy) {
    }
}
