package org.handover.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Transfer-of-care benchmark hook (only with {@code handover.bench.enabled=true}): publishes discharges, completes
 * every "Complete discharge summary" task as a ward administrator would, and measures per summary the time from the
 * task's completion to MESH accepting the ITK3 message (the outbox row's {@code sent_at}), and summaries per second.
 */
@RestController
@RequestMapping("/api/admin/bench")
@ConditionalOnProperty(name = "handover.bench.enabled", havingValue = "true")
class TransferOfCareBenchController {

    static final Map<String, Object> SUMMARY = Map.of("gpActions", "Check U&Es in 1 week",
            "diagnoses", "Community-acquired pneumonia", "clinicalSummary", "Treated with antibiotics; recovered.",
            "medications", "Amoxicillin 500 mg three times a day - STARTED: 3 more days",
            "allergies", "No known allergies", "patientInformation", "Pneumonia leaflet", "resultsPending", "no",
            "completedBy", "Benchmark FY2");

    private final DischargeToAssessLoad discharges;
    private final TaskService taskService;
    private final JdbcTemplate jdbc;

    TransferOfCareBenchController(ApplicationEventPublisher events, TransactionTemplate transaction,
            TaskService taskService, JdbcTemplate jdbc) {
        this.discharges = new DischargeToAssessLoad(events, transaction, taskService);
        this.taskService = taskService;
        this.jdbc = jdbc;
    }

    @PostMapping("/transfers")
    Map<String, Object> transfers(@RequestParam int count, @RequestParam(defaultValue = "4") int threads,
            @RequestParam(defaultValue = "120") int deliveryTimeoutSeconds) throws Exception {
        if (count < 1 || count > 50_000 || threads < 1 || threads > 64) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count 1..50000, threads 1..64");
        }
        String runId = "toc-" + Long.toString(System.nanoTime(), 36);
        Map<String, Object> report = new LinkedHashMap<>();
        DischargeToAssessLoad.Result discharged = discharges.discharge(runId, count, threads);
        report.put("discharges", count);
        report.put("dischargeFailures", discharged.failed());

        List<Task> tasks = taskService.createTaskQuery().taskDefinitionKey("UserTask_CompleteDischargeSummary")
                .processInstanceBusinessKeyLike(runId + "-%").list();
        Map<String, Instant> completedAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Instant start = Instant.now();
        DischargeToAssessLoad.run(threads, thread -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                Task task = tasks.get(i);
                String episode = (String) taskService.getVariable(task.getId(), "episodeId");
                try {
                    taskService.complete(task.getId(), SUMMARY);
                    completedAt.put(episode, Instant.now());
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            }
        });
        report.put("summariesCompleted", completedAt.size());
        report.put("completionFailures", failed.get());
        report.put("completionsPerSecond", Math.round(completedAt.size()
                / Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0)));

        Instant deadline = Instant.now().plusSeconds(deliveryTimeoutSeconds);
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        while (sentAt.size() < completedAt.size() && Instant.now().isBefore(deadline)) {
            jdbc.query("select correlation_key, sent_at from outbox_message where message_type = "
                    + "'DischargeSummaryIssued' and correlation_key like ? and sent_at is not null", row -> {
                        Timestamp sent = row.getTimestamp("sent_at");
                        sentAt.put(row.getString("correlation_key"), sent.toInstant());
                    }, runId + "-%");
            Thread.sleep(500);
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Instant lastSent = start;
        for (Map.Entry<String, Instant> sent : sentAt.entrySet()) {
            Instant completed = completedAt.get(sent.getKey());
            if (completed != null) {
                latencies.add(Math.max(0, Duration.between(completed, sent.getValue()).toMillis()));
            }
            lastSent = sent.getValue().isAfter(lastSent) ? sent.getValue() : lastSent;
        }
        report.put("deliveredToMesh", sentAt.size());
        report.put("completionToMeshMillis", ReferralLoad.percentiles(latencies));
        double seconds = Math.max(0.001, Duration.between(start, lastSent).toMillis() / 1000.0);
        report.put("summariesPerSecondToMesh", Math.round(10.0 * sentAt.size() / seconds) / 10.0);
        return report;
    }
}
