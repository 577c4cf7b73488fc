package org.handover.retention;

import java.security.Principal;
import org.handover.audit.AuditLog;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs the retention job now, outside the nightly window (administrators, as every {@code /api/admin} endpoint). It
 * deletes rows, so who ran it and what it deleted goes to the audit log.
 */
@RestController
@RequestMapping("/api/admin/retention")
class RetentionAdminController {

    private final RetentionJob job;
    private final AuditLog audit;

    RetentionAdminController(RetentionJob job, AuditLog audit) {
        this.job = job;
        this.audit = audit;
    }

    @PostMapping("/run")
    RetentionRun runNow(Principal user) {
        RetentionRun run;
        try {
            run = job.runNow("admin " + user.getName());
        } catch (RuntimeException e) {
            audit.changed(user.getName(), "retention", null, "Ran the retention job: failed, " + e.getMessage());
            throw e;
        }
        audit.changed(user.getName(), "retention", null, "Ran the retention job: deleted " + run.deleted());
        return run;
    }
}
