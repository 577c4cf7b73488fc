package org.handover.retention;

import java.net.URI;
import java.security.Principal;
import java.util.concurrent.CompletionException;
import org.handover.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Runs the retention job now, outside the nightly window (administrators, as every {@code /api/admin} endpoint). On a
 * trust's tables a run takes minutes, longer than a proxy waits: the request answers 202 with the run's address at
 * once, and the run goes on in the background; a request while a run is running on any node answers 409 with that
 * run's address. It deletes rows, so who started it and what it deleted goes to the audit log.
 */
@RestController
@RequestMapping("/api/admin/retention")
class RetentionAdminController {

    private static final String RUNS = "/api/admin/retention/runs/";

    private final RetentionJob job;
    private final RetentionRuns runs;
    private final AuditLog audit;

    RetentionAdminController(RetentionJob job, RetentionRuns runs, AuditLog audit) {
        this.job = job;
        this.runs = runs;
        this.audit = audit;
    }

    @PostMapping("/run")
    ResponseEntity<?> start(Principal user) {
        RetentionJob.Start start = job.startNow(user.getName());
        URI location = URI.create(RUNS + start.runId());
        if (start.outcome().isEmpty()) {
            ProblemDetail running = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "A retention run is running already: " + location);
            running.setProperty("run", location);
            return ResponseEntity.status(HttpStatus.CONFLICT).location(location).body(running);
        }
        String runId = start.runId();
        audit.changed(user.getName(), "retention", null, "Started retention run " + runId);
        start.outcome().get().whenComplete((run, failure) -> audit.changed(user.getName(), "retention", null,
                failure == null ? "Retention run " + runId + " deleted " + run.deleted()
                        : "Retention run " + runId + " failed: " + reason(failure)));
        return ResponseEntity.accepted().location(location).body(state(runId));
    }

    /** The run's own exception, not the future's wrapper around it. */
    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return cause.getMessage();
    }

    @GetMapping("/runs/{id}")
    RetentionRunState state(@PathVariable String id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No retention run " + id));
    }
}
