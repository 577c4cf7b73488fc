package org.handover.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
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
 * Discharge to Assess benchmark hook (only with {@code handover.bench.enabled=true}): discharges per second to an
 * open confirm task, confirmations per second, and the time until every council notice was accepted by the councils'
 * mail server.
 */
@RestController
@RequestMapping("/api/admin/bench")
@ConditionalOnProperty(name = "handover.bench.enabled", havingValue = "true")
class DischargeToAssessBenchController {

    private final DischargeToAssessLoad load;
    private final JdbcTemplate jdbc;

    DischargeToAssessBenchController(ApplicationEventPublisher events, TransactionTemplate transaction,
            TaskService taskService, JdbcTemplate jdbc) {
        this.load = new DischargeToAssessLoad(events, transaction, taskService);
        this.jdbc = jdbc;
    }

    @PostMapping("/discharges")
    Map<String, Object> discharges(@RequestParam int count, @RequestParam(defaultValue = "8") int threads,
            @RequestParam(defaultValue = "true") boolean confirm,
            @RequestParam(defaultValue = "120") int deliveryTimeoutSeconds) throws Exception {
        if (count < 1 || count > 200_000 || threads < 1 || threads > 64) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count 1..200000, threads 1..64");
        }
        String runId = "d2a-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        DischargeToAssessLoad.Result started = load.discharge(runId, count, threads);
        report.put("discharges", count);
        report.put("dischargeFailures", started.failed());
        report.put("dischargesPerSecond", Math.round((count - started.failed()) / started.seconds()));
        report.put("dischargeLatencyMillis", ReferralLoad.percentiles(started.latenciesMillis()));
        if (!confirm) {
            return report;
        }
        Instant confirmStart = Instant.now();
        DischargeToAssessLoad.Result confirmed = load.confirm(runId, threads);
        report.put("confirmed", confirmed.count());
        report.put("confirmFailures", confirmed.failed());
        report.put("confirmsPerSecond", Math.round((confirmed.count() - confirmed.failed()) / confirmed.seconds()));
        report.put("confirmLatencyMillis", ReferralLoad.percentiles(confirmed.latenciesMillis()));
        long notices = notices(runId, "'PENDING','QUEUED','SENDING','SENT','DELIVERED','ACKNOWLEDGED','FAILED','DEAD'");
        Instant deadline = Instant.now().plusSeconds(deliveryTimeoutSeconds);
        long sent = 0;
        while (Instant.now().isBefore(deadline)) {
            sent = notices(runId, "'SENT','DELIVERED','ACKNOWLEDGED'");
            if (sent >= notices) {
                break;
            }
            Thread.sleep(200);
        }
        report.put("councilNotices", notices);
        report.put("councilNoticesSent", sent);
        report.put("secondsFromFirstConfirmToLastNoticeSent",
                Duration.between(confirmStart, Instant.now()).toMillis() / 1000.0);
        return report;
    }

    private long notices(String runId, String statuses) {
        Long n = jdbc.queryForObject("select count(*) from outbox_message where message_type = 'DischargeToAssessNotice'"
                + " and correlation_key like ? and status in (" + statuses + ")", Long.class, runId + "-%");
        return n == null ? 0 : n;
    }
}
