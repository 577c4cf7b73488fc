package org.handover.transfer;

import static org.handover.processes.transfer.TransferOfCareProcess.Variables.PENDING_MESSAGE_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.handover.audit.AuditLog;
import org.handover.system.AsSystem;
import org.handover.domain.NhsNumber;
import org.handover.processes.transfer.TransferOfCareProcess;
import org.handover.quarantine.Quarantine;
import org.handover.transfer.TransferRecords.Transfer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfer of care over REST: an upstream system posts a complete discharge summary (before or at discharge: the
 * summary task is then skipped, or completed with it when already open) and later the pending results; leads read the
 * 24-hour standard by ward and specialty; staff read an episode's transfer (audited). Refused bodies are answered with
 * every problem and kept in quarantine.
 */
@RestController
@RequestMapping("/api/discharge")
class TransferOfCareController {

    static final String SENDERS = "hasAnyRole('INTEGRATION', 'CAMUNDA_ADMIN')";
    static final String STAFF = "hasAnyRole('WARD_ADMINS', 'DISCHARGE_LEADS', 'CAMUNDA_ADMIN')";
    static final String QUARANTINE_SOURCE = "discharge-summary";

    /** What an upstream system posts: the summary plus the patient's NHS number (checked against the discharge). */
    record SummaryRequest(String nhsNumber, List<String> gpActions, List<String> diagnoses, List<String> procedures,
            String clinicalSummary, List<String> medications, List<String> allergies, String patientInformation,
            Boolean resultsPending, String completedBy, String patientEmail) {

        DischargeSummary summary() {
            return new DischargeSummary(gpActions, diagnoses, procedures, clinicalSummary, medications, allergies,
                    patientInformation, resultsPending, completedBy, patientEmail);
        }
    }

    record ResultsRequest(String results, String reportedBy) {
    }

    /** A refusal with every problem named. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;
        final List<String> problems;

        Refused(HttpStatus status, List<String> problems) {
            super(String.join("; ", problems));
            this.status = status;
            this.problems = problems;
        }
    }

    private final TransferRecords records;
    private final GpMessages messages;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final SlaReport slaReport;
    private final Quarantine quarantine;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;

    TransferOfCareController(TransferRecords records, GpMessages messages, RuntimeService runtimeService,
            TaskService taskService, IdentityService identityService, SlaReport slaReport, Quarantine quarantine,
            AuditLog audit, Clock clock, ObjectMapper json) {
        this.records = records;
        this.messages = messages;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.identityService = identityService;
        this.slaReport = slaReport;
        this.quarantine = quarantine;
        this.audit = audit;
        this.clock = clock;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @PostMapping("/episodes/{episodeId}/summary")
    @PreAuthorize(SENDERS)
    @Transactional
    public ResponseEntity<Map<String, Object>> summary(@PathVariable String episodeId,
            @RequestBody(required = false) byte[] bytes, Principal user) {
        String body = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        try {
            SummaryRequest request = read(body, SummaryRequest.class);
            List<String> problems = new ArrayList<>();
            if (!episodeId.matches("[A-Za-z0-9._-]{1,64}")) {
                problems.add("episodeId in the path must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (request.nhsNumber() == null || !NhsNumber.isValid(request.nhsNumber())) {
                problems.add("nhsNumber must be a 10-digit NHS number with a valid check digit");
            }
            DischargeSummary summary = request.summary();
            problems.addAll(summary.problems());
            if (!problems.isEmpty()) {
                throw new Refused(HttpStatus.BAD_REQUEST, problems);
            }
            return accept(episodeId, request.nhsNumber(), summary, user.getName());
        } catch (Refused refused) {
            return refuse(refused, body);
        }
    }

    private ResponseEntity<Map<String, Object>> accept(String episodeId, String nhsNumber, DischargeSummary summary,
            String userId) {
        Transfer transfer = records.find(episodeId).orElse(null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("episodeId", episodeId);
        if (transfer == null) {
            records.summaryBeforeDischarge(episodeId, nhsNumber, summary, "UPSTREAM", userId);
            audit.changed(userId, "transfer-of-care/" + episodeId, nhsNumber, "Discharge summary received from upstream");
            answer.put("status", "stored: it goes to the GP when the patient is discharged");
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
        }
        if (!transfer.nhsNumber().equals(nhsNumber)) {
            throw new Refused(HttpStatus.CONFLICT, List.of("nhsNumber does not match the patient of episode " + episodeId));
        }
        if (transfer.status() == TransferRecords.Status.AWAITING_DISCHARGE) {
            records.summaryRecorded(episodeId, summary, "UPSTREAM", userId);
            answer.put("status", "replaced: it goes to the GP when the patient is discharged");
            return ResponseEntity.ok(answer);
        }
        // The posting system may not read tasks: look and complete as the system.
        Task open = asSystem(() -> taskService.createTaskQuery().processInstanceBusinessKey(episodeId)
                .processDefinitionKey(TransferOfCareProcess.KEY)
                .taskDefinitionKey(TransferOfCareProcess.Elements.COMPLETE_SUMMARY).singleResult());
        if (open == null) {
            throw new Refused(HttpStatus.CONFLICT, List.of("the discharge summary of episode " + episodeId
                    + " is no longer awaited (status " + transfer.status() + "); send corrections through the ward"));
        }
        asSystem(() -> {
            taskService.complete(open.getId(), summary.toVariables());
            return null;
        });
        records.summaryRecorded(episodeId, summary, "UPSTREAM", userId);
        answer.put("status", "accepted: the summary task was completed with it and the summary sent to the GP");
        return ResponseEntity.ok(answer);
    }

    @PostMapping("/episodes/{episodeId}/results")
    @PreAuthorize("hasAnyRole('INTEGRATION', 'WARD_ADMINS', 'CAMUNDA_ADMIN')")
    @Transactional
    public ResponseEntity<Map<String, Object>> results(@PathVariable String episodeId,
            @RequestBody(required = false) byte[] bytes, Principal user) {
        String body = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        try {
            ResultsRequest request = read(body, ResultsRequest.class);
            if (request.results() == null || request.results().isBlank() || request.results().length() > 20_000) {
                throw new Refused(HttpStatus.BAD_REQUEST, List.of("results is required: the results as text, at most "
                        + "20000 characters"));
            }
            Transfer transfer = records.find(episodeId).orElseThrow(() ->
                    new Refused(HttpStatus.NOT_FOUND, List.of("no transfer of care for episode " + episodeId)));
            boolean waiting = asSystem(() -> runtimeService.createExecutionQuery().processInstanceBusinessKey(episodeId)
                    .processDefinitionKey(TransferOfCareProcess.KEY)
                    .activityId(TransferOfCareProcess.Elements.RESULTS_ARRIVED).count() > 0);
            if (!waiting) {
                throw new Refused(HttpStatus.CONFLICT, List.of("episode " + episodeId + " is not waiting for results "
                        + "(status " + transfer.status() + "): results are sent once the GP has acknowledged a summary "
                        + "that said results were pending"));
            }
            String summaryId = records.lastSentSummary(episodeId).orElseThrow().id();
            GpMessages.Built addendum = messages.addendum(transfer, summaryId, request.results().strip());
            if (!addendum.valid()) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, addendum.errors());
            }
            records.results(episodeId, request.results().strip());
            asSystem(() -> runtimeService.createMessageCorrelation(TransferOfCareProcess.Messages.RESULTS_ARRIVED)
                    .processInstanceBusinessKey(episodeId).setVariable(PENDING_MESSAGE_ID, addendum.id())
                    .correlateWithResult());
            audit.changed(user.getName(), "transfer-of-care/" + episodeId, transfer.nhsNumber(),
                    "Results received; addendum sent to the GP");
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("episodeId", episodeId);
            answer.put("addendumMessageId", addendum.id());
            answer.put("status", "the results addendum goes to the GP");
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
        } catch (Refused refused) {
            return refuse(refused, body);
        }
    }

    @GetMapping("/sla")
    @PreAuthorize(STAFF)
    public ResponseEntity<Object> sla(@RequestParam String month) {
        try {
            return ResponseEntity.ok(slaReport.month(YearMonth.parse(month), clock.instant()));
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("status", 400, "errors",
                    List.of("month must look like 2026-03, not '" + month + "'")));
        }
    }

    @GetMapping("/episodes/{episodeId}")
    @PreAuthorize(STAFF)
    public ResponseEntity<Map<String, Object>> episode(@PathVariable String episodeId, Principal user) {
        Transfer transfer = records.find(episodeId).orElse(null);
        if (transfer == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no transfer of care for episode "
                    + episodeId));
        }
        audit.read(user.getName(), "transfer-of-care/" + episodeId, transfer.nhsNumber(), "transfer of care viewed");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("episodeId", episodeId);
        view.put("status", transfer.status());
        view.put("summarySource", transfer.summarySource());
        view.put("summary", transfer.summary());
        view.put("dischargedAt", transfer.dischargedAt());
        view.put("acknowledgedAt", transfer.acknowledgedAt());
        view.put("results", transfer.results());
        view.put("messages", records.messages(episodeId));
        view.put("patientCopy", records.patientCopyOf(episodeId));
        return ResponseEntity.ok(view);
    }

    private <T> T read(String body, Class<T> type) {
        if (body.isBlank()) {
            throw new Refused(HttpStatus.BAD_REQUEST, List.of("send a JSON body"));
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, List.of("the body is not the JSON expected: "
                    + e.getOriginalMessage()));
        }
    }

    private ResponseEntity<Map<String, Object>> refuse(Refused refused, String body) {
        String quarantineId = quarantine.keep(QUARANTINE_SOURCE, refused.getMessage(), body);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", refused.status.value());
        problem.put("errors", refused.problems);
        problem.put("quarantineId", quarantineId);
        return ResponseEntity.status(refused.status).body(problem);
    }

    private <T> T asSystem(Supplier<T> work) {
        return AsSystem.call(identityService, work);
    }
}
