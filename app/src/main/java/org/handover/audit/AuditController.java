package org.handover.audit;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.handover.domain.InvalidNhsNumberException;
import org.handover.domain.NhsNumber;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Information governance asks: who looked at this patient's record, and why. Asking is itself audited. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final JdbcTemplate jdbc;
    private final AuditLog audit;

    AuditController(JdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('INFORMATION_GOVERNANCE', 'CAMUNDA_ADMIN')")
    List<AuditEntry> forPatient(@RequestParam String nhsNumber, Principal user) {
        NhsNumber patient;
        try {
            patient = NhsNumber.of(nhsNumber);
        } catch (InvalidNhsNumberException e) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        }
        audit.read(user.getName(), "audit", patient.value(), "Information governance audit query");
        return jdbc.query("""
                select occurred_at, user_id, action, resource, reason from audit_event
                where nhs_number = ? order by occurred_at desc
                """, (row, n) -> new AuditEntry(row.getTimestamp("occurred_at").toInstant(), row.getString("user_id"),
                row.getString("action"), row.getString("resource"), row.getString("reason")), patient.value());
    }

    record AuditEntry(Instant at, String user, String action, String resource, String reason) {
    }
}
