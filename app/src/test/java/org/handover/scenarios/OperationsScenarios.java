package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.HandoverApplication;
import org.handover.domain.NhsNumber;
import org.handover.domain.SyntheticData;
import org.handover.processes.chc.ChcProcess;
import org.handover.processes.referral.ReferralProcess;
import org.handover.support.Http;
import org.handover.support.MutableClock;
import org.handover.support.PrometheusScrape;
import org.handover.support.SandboxEnvironment;
import org.handover.support.TestClock;
import org.handover.system.PeriodicGauge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The operations signals (ops/monitoring) as Prometheus scrapes them from {@code /actuator/prometheus}, each made true
 * through the real entry points: discharges over FHIR, a referral over FHIR, a CHC referral over its API and the
 * Checklist over the Camunda REST API, a simulator stopped. Days pass on the application's clock, which the test
 * moves; the gauges are refreshed every 200 ms here (once a minute by default).
 */
@SpringBootTest(classes = {HandoverApplication.class, TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"handover.operations.metrics-interval=200ms", "handover.operations.channel-probe-interval=200ms"})
@AutoConfigureObservability
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class OperationsScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final Path SAMPLES = Path.of("..", "ops", "samples");
    static final SyntheticData PEOPLE = new SyntheticData(8008);
    private static final AtomicInteger NEXT = new AtomicInteger();


    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    abstract SandboxEnvironment environment();

    /** Each test reads its baseline from gauges refreshed at the clock it starts with, not one a test before moved. */
    @BeforeEach
    void gaugesAtTheClockOfThisTest() {
        clock.set(Instant.now());
        context.getBeansOfType(PeriodicGauge.class).values().forEach(PeriodicGauge::refresh);
    }

    @AfterEach
    void clockBackToNow() {
        clock.set(Instant.now());
    }

    @Test
    void dischargeSummariesNotAcknowledgedShowAtRiskAfter18HoursAndOverdueAfter24() throws IOException {
        double atRisk = scrape().value("handover_toc_summaries_at_risk");
        double overdue = scrape().value("handover_toc_summaries_overdue");
        Instant now = clock.instant();
        discharge("EP-OPS-RISK-" + NEXT.incrementAndGet(), now.minus(Duration.ofHours(19)));
        discharge("EP-OPS-LATE-" + NEXT.incrementAndGet(), now.minus(Duration.ofHours(25)));
        discharge("EP-OPS-FRESH-" + NEXT.incrementAndGet(), now.minus(Duration.ofHours(1)));

        awaitValue(atRisk + 1, "handover_toc_summaries_at_risk");
        awaitValue(overdue + 1, "handover_toc_summaries_overdue");

        clock.advance(Duration.ofHours(18));
        awaitValue(atRisk + 1, "handover_toc_summaries_at_risk"); // the fresh one, now 19 hours old
        awaitValue(overdue + 2, "handover_toc_summaries_overdue");
    }

    @Test
    void triageTasksPastTheirDueDateAreCountedBySpecialtyAndTeamUntilTriaged() throws IOException {
        String ubrn = String.valueOf(800_000_000_000L + NEXT.incrementAndGet());
        String body = Files.readString(SAMPLES.resolve("referrals").resolve("valid-routine-dermatology.json"))
                .replace("100000000001", ubrn);
        HttpResponse<String> created = as("integration").postAs("/fhir/r4/ServiceRequest", "application/fhir+json",
                body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode triage = as("admin").awaitOneTask(ubrn, ReferralProcess.Elements.TRIAGE);
        Map<String, Object> referral = jdbc.queryForMap(
                "select specialty_code, triage_team from referral where ubrn = ?", ubrn);
        String[] labels = {"specialty", referral.get("specialty_code").toString(),
                "team", referral.get("triage_team").toString()};
        double before = awaitPresent("handover_referral_triage_overdue_tasks", labels);

        clock.advance(Duration.ofDays(15));
        awaitValue(before + 1, "handover_referral_triage_overdue_tasks", labels);

        HttpResponse<String> triaged = as("admin").post("/engine-rest/task/" + triage.path("id").asText()
                + "/complete", """
                {"variables":{"triageOutcome":{"value":"accept"},"triageComment":{"value":"Routine clinic"}}}""");
        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(204);
        awaitValue(before, "handover_referral_triage_overdue_tasks", labels);
    }

    @Test
    void chcReferralsUndecidedAreCountedPastDay21AndPastDay28() {
        NhsNumber patient = PEOPLE.nhsNumber();
        HttpResponse<String> created = as("integration").post("/api/chc/referrals",
                ContinuingHealthcareScenarios.referral("REF-OPS-" + patient.value(), patient.value()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String caseId = Http.parse(created.body()).path("caseId").asText();
        Http coordinator = as("chccoordinator");
        ContinuingHealthcareScenarios.complete(coordinator, ContinuingHealthcareScenarios.awaitTask(coordinator,
                caseId, ChcProcess.Elements.CHECKLIST), ContinuingHealthcareScenarios.checklist("C", "B"));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from chc_case where id = ? and icb_received_at is not null", Integer.class, caseId) == 1);
        double past21 = scrape().value("handover_chc_undecided_cases", "past_day", "21");
        double past28 = scrape().value("handover_chc_undecided_cases", "past_day", "28");

        clock.advance(Duration.ofDays(22));
        awaitValue(past21 + 1, "handover_chc_undecided_cases", "past_day", "21");
        awaitValue(past28, "handover_chc_undecided_cases", "past_day", "28");

        clock.advance(Duration.ofDays(7));
        awaitValue(past21 + 1, "handover_chc_undecided_cases", "past_day", "21");
        awaitValue(past28 + 1, "handover_chc_undecided_cases", "past_day", "28");
    }

    @Test
    void dischargeToAssessNoticesAwaitingTheCouncilAreCountedWithHowLongTheOldestHasWaited() throws IOException {
        String awaiting = "handover_d2a_notices_awaiting_acknowledgement";
        double before = scrape().value(awaiting);
        String episode = "EP-OPS-D2A-" + NEXT.incrementAndGet();
        // discharged days ago: its discharge summary is already overdue, so moving the clock below never makes it
        // "at risk" in another test's count
        discharge(episode, clock.instant().minus(Duration.ofDays(3)));
        Http admin = as("admin");
        JsonNode confirm = admin.awaitOneTask(episode, "UserTask_ConfirmPathway");
        assertThat(admin.post("/engine-rest/task/" + confirm.path("id").asText() + "/complete",
                "{\"variables\":{\"pathway\":{\"value\":\"1\"}}}").statusCode()).isEqualTo(204);
        JsonNode acknowledge = admin.awaitOneTask(episode, "UserTask_AcknowledgeNotification");
        awaitValue(before + 1, awaiting);

        clock.advance(Duration.ofHours(73));
        await().atMost(PATIENCE).until(() -> scrape().value(awaiting + "_oldest_age_seconds"),
                age -> age != null && age >= Duration.ofHours(73).toSeconds());

        assertThat(admin.post("/engine-rest/task/" + acknowledge.path("id").asText() + "/complete",
                "{\"variables\":{\"councilReference\":{\"value\":\"SC-OPS-1\"}}}").statusCode()).isEqualTo(204);
        awaitValue(before, awaiting);
    }

    @Test
    void aChannelHandoverCannotReachShowsDownUntilItIsBack() {
        ListAppender<ILoggingEvent> messageCentreLog = new ListAppender<>();
        messageCentreLog.start();
        Logger messageCentre = (Logger) LoggerFactory.getLogger("org.handover.sandbox.MessageCentre");
        messageCentre.addAppender(messageCentreLog);
        Instant watchedSince = Instant.now();
        for (String channel : new String[] {"gp-mesh", "social-care-smtp", "sms-smpp"}) {
            awaitValue(1, "handover_channel_up", "channel", channel);
            assertThat(channelHealth(channel)).as("health and the gauge read one probe").isEqualTo("UP");
        }
        SmartLifecycle smsc = lifecycle("MessageCentre");
        smsc.stop();
        try {
            awaitValue(0, "handover_channel_up", "channel", "sms-smpp");
            assertThat(channelHealth("sms-smpp")).isEqualTo("DOWN");
        } finally {
            smsc.start();
        }
        awaitValue(1, "handover_channel_up", "channel", "sms-smpp");
        assertThat(channelHealth("sms-smpp")).isEqualTo("UP");
        SmartLifecycle mailServer = context.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(bean -> bean.getClass().getSimpleName().equals("CouncilMailServer")).findFirst().orElseThrow();
        mailServer.stop();
        try {
            awaitValue(0, "handover_channel_up", "channel", "social-care-smtp");
            assertThat(scrape().value("handover_channel_up", "channel", "gp-mesh")).isEqualTo(1.0);
        } finally {
            mailServer.start();
        }
        awaitValue(1, "handover_channel_up", "channel", "social-care-smtp");
        // a probe that connects without binding is dropped by the message centre after 10 s, with this line
        await().pollDelay(Duration.between(Instant.now(), watchedSince.plusSeconds(11))
                .plusMillis(1)).atMost(PATIENCE).until(() -> true);
        messageCentre.detachAppender(messageCentreLog);
        assertThat(messageCentreLog.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("no bind within"));
    }

    private SmartLifecycle lifecycle(String simpleName) {
        return context.getBeansOfType(SmartLifecycle.class).values().stream()
                .filter(bean -> bean.getClass().getSimpleName().equals(simpleName)).findFirst().orElseThrow();
    }

    private String channelHealth(String channel) {
        // 503 while any channel is down, with the same body
        return Http.parse(as("admin").get("/actuator/health/channels").body()).path("components").path(channel)
                .path("status").asText();
    }

    @Test
    void theMonitoringAccountReadsTheMetricsAndNothingElse() {
        Http monitoring = as("monitoring");
        assertThat(monitoring.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(monitoring.get("/actuator/metrics").statusCode()).isEqualTo(403);
        assertThat(monitoring.get("/actuator/health/channels").statusCode()).isEqualTo(403);
        assertThat(monitoring.get("/api/admin/deliveries").statusCode()).isEqualTo(403);
        assertThat(monitoring.getJson("/engine-rest/task")).isEmpty();
        assertThat(as("consultant").get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(Http.anonymous(environment().baseUrl()).get("/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    @Test
    void everyAlertAndDashboardQueryNamesAMetricTheApplicationExposes() throws Exception {
        Set<String> alerted = new TreeSet<>();
        MonitoringFiles.alerts().forEach(alert -> alerted.addAll(MonitoringFiles.metricNames(alert.expr())));
        assertThat(alerted).as("the operations signals of issue 8 each have an alert").contains(
                "handover_d2a_notices_awaiting_acknowledgement_oldest_age_seconds", "handover_toc_summaries_at_risk", "handover_toc_summaries_overdue",
                "handover_referral_triage_overdue_tasks", "handover_chc_undecided_cases", "handover_fft_response_rate",
                "handover_outbox_oldest_pending_age_seconds", "handover_delivery_dead_letters", "handover_channel_up");
        // the workflow gauges appear at their first refresh, a few seconds after the start
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(monitoringProblems(scrape().names()))
                .as("metrics the running application does not expose, or incomplete alerts").isEmpty());
        promtoolChecksTheRules();
    }

    private static List<String> monitoringProblems(Set<String> exposed) throws IOException {
        List<String> problems = new ArrayList<>();
        for (MonitoringFiles.Alert alert : MonitoringFiles.alerts()) {
            unknown(MonitoringFiles.metricNames(alert.expr()), exposed)
                    .forEach(name -> problems.add("alert " + alert.name() + " reads " + name));
            if (alert.duration() == null) {
                problems.add("alert " + alert.name() + " has no 'for'");
            }
            if (!Set.of("critical", "warning").contains(String.valueOf(alert.labels().get("severity")))) {
                problems.add("alert " + alert.name() + " has no severity critical or warning");
            }
            if (String.valueOf(alert.annotations().get("summary")).isBlank() || !String.valueOf(
                    alert.annotations().get("description")).contains("Runbook:")) {
                problems.add("alert " + alert.name() + " needs a summary and a description with its Runbook: step");
            }
        }
        MonitoringFiles.dashboardQueries().forEach((panel, queries) -> queries.forEach(query -> {
            Set<String> names = MonitoringFiles.metricNames(query);
            if (names.isEmpty()) {
                problems.add("panel " + panel + " query reads no metric: " + query);
            }
            unknown(names, exposed).forEach(name -> problems.add("panel " + panel + " reads " + name));
        }));
        return problems;
    }

    /** Names Prometheus makes itself rather than scraping them. */
    private static List<String> unknown(Set<String> names, Set<String> exposed) {
        return names.stream().filter(name -> !name.equals("up") && !exposed.contains(name)).toList();
    }

    /** {@code promtool check rules} when promtool is installed (PATH or PROMTOOL); the rest of the test stands alone. */
    private static void promtoolChecksTheRules() throws IOException, InterruptedException {
        String promtool = System.getenv().getOrDefault("PROMTOOL", "promtool");
        Process check;
        try {
            check = new ProcessBuilder(promtool, "check", "rules", MonitoringFiles.ALERTS.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return;
        }
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
    }

    @Test
    void anAdministratorRunsTheRetentionJobNowWhichIsAuditedAndCounted() {
        String id = "ops-retention-" + NEXT.incrementAndGet();
        Timestamp longAgo = Timestamp.from(clock.instant().minus(Duration.ofDays(120)));
        jdbc.update("""
                insert into outbox_message (id, channel, recipient, message_type, payload, status, next_attempt_at,
                    created_at, updated_at)
                values (?, 'sms', '+447700900123', 'Test', 'text', 'DELIVERED', ?, ?, ?)
                """, id, longAgo, longAgo, longAgo);
        Double before = scrape().value("handover_retention_deleted_total", "table", "outbox_message");

        assertThat(as("consultant").post("/api/admin/retention/run", "{}").statusCode()).isEqualTo(403);
        HttpResponse<String> run = as("admin").post("/api/admin/retention/run", "{}");

        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        String location = run.headers().firstValue("Location").orElseThrow();
        JsonNode finished = await().atMost(PATIENCE).until(() -> as("admin").getJson(location),
                state -> state.path("state").asText().equals("FINISHED"));
        assertThat(finished.path("deleted").path("outbox_message").asLong()).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where user_id = 'admin' and resource = 'retention'",
                Integer.class)).isPositive();
        assertThat(scrape().value("handover_retention_deleted_total", "table", "outbox_message"))
                .isGreaterThanOrEqualTo((before == null ? 0 : before) + 1);
        assertThat(scrape().value("handover_retention_oldest_kept_age_seconds", "table", "outbox_message")).isNotNull();
    }

    // ---- helpers

    private void discharge(String episode, Instant end) throws IOException {
        String json = Files.readString(SAMPLES.resolve("discharge").resolve("encounter-discharge.json"))
                .replace("EP-SAMPLE-FHIR-0001", episode)
                .replace("2026-11-30T09:00:00Z", end.minus(Duration.ofDays(3)).toString())
                .replace("2026-12-03T11:30:00Z", end.toString());
        HttpResponse<String> created = as("integration").postAs("/fhir/r4/Encounter", "application/fhir+json", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** As Prometheus scrapes: the monitoring account, which may read the metrics and nothing else. */
    PrometheusScrape scrape() {
        return PrometheusScrape.of(environment(), "monitoring");
    }

    private double awaitPresent(String name, String... labels) {
        return await().atMost(PATIENCE).until(() -> scrape().value(name, labels), value -> value != null);
    }

    private void awaitValue(double expected, String name, String... labels) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(scrape().value(name, labels))
                .as(name + " " + String.join(",", labels)).isEqualTo(expected));
    }

    private Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }
}
