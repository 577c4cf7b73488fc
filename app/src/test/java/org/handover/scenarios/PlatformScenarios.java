package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.handover.HandoverApplication;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.processes.delivery.DeliveryFailedProcess;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.InboundMessages;
import org.handover.support.Http;
import org.handover.support.PrometheusScrape;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform end to end, through its real entry points and the simulators' real protocols: outbox, relay, Artemis,
 * Camel routes to MESH over HTTP, SMTP and SMPP, receipts, retries, dead letters, the "Delivery failed" task,
 * quarantine and security. Run once per database (H2 and PostgreSQL) by the subclasses.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class PlatformScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String GP_MAILBOX = "A81001OT001";
    static final String COUNCIL = "adult.social.care@stockport.gov.invalid";
    static final String PHONE = "+447700900123";

    @Autowired Outbox outbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transaction;
    @Autowired TaskService taskService;
    @Autowired InboundMessages inbound;

    abstract SandboxEnvironment environment();


    Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }

    @BeforeEach
    void cleanOutsideWorld() {
        as("admin").post("/sandbox/api/faults", "{\"channel\":\"gp\",\"mode\":\"none\"}");
    }

    @Test
    void theApplicationServesItsFacesAndGuardsThem() {
        Http anonymous = Http.anonymous(environment().baseUrl());
        assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/sandbox/api/summary").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/admin/deliveries").statusCode()).isEqualTo(401);
        // Camunda locks a user for a few seconds after a wrong password, so try it on a user no other test needs.
        Http wrongPassword = Http.as(environment().baseUrl(), "patientexperience", "wrong");
        assertThat(wrongPassword.get("/engine-rest/process-definition").statusCode()).isEqualTo(401);
        assertThat(as("patientexperience").get("/engine-rest/process-definition").statusCode())
                .as("locked for a while after a wrong password").isEqualTo(401);

        assertThat(as("admin").getJson("/engine-rest/process-definition?key=" + DeliveryFailedProcess.KEY)).hasSize(1);
        assertThat(as("consultant").get("/api/admin/deliveries").statusCode()).isEqualTo(403);
        assertThat(as("consultant").get("/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(as("commsadmin").get("/api/admin/deliveries").statusCode()).isEqualTo(200);
        assertThat(as("admin").get("/actuator/prometheus").body()).contains("handover_outbox_pending")
                .as("no log-event counter: its turbo filter stood in front of every log-level check")
                .doesNotContain("logback_events");
        assertThat(as("consultant").get("/sandbox").body()).contains("<html");
    }

    @Test
    void aGpMessageReachesThePracticeMailboxOverMeshExactlyOnce() {
        String id = send(Channel.GP, GP_MAILBOX, Map.of("meshWorkflowId", "TOC_FHIR_IP_DISCH", "subject", "Discharge"));

        awaitStatus(id, "SENT");
        List<JsonNode> received = meshMessagesWithLocalId(id);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).path("workflowId").asText()).isEqualTo("TOC_FHIR_IP_DISCH");
        assertThat(remoteIdOf(id)).isEqualTo(received.get(0).path("id").asText());
    }

    @Test
    void socialCareMailReachesTheCouncilOverSmtp() {
        String id = send(Channel.SOCIAL_CARE, COUNCIL, Map.of("subject", "Discharge to Assess: pathway 1"));

        awaitStatus(id, "SENT");
        await().atMost(PATIENCE).until(() -> councilMailsWithMessageIdOf(id) == 1);
    }

    @Test
    void aTextReachesThePhoneOverSmppAndItsDeliveryReceiptComesBack() {
        String id = send(Channel.SMS, PHONE, Map.of());

        awaitStatus(id, "DELIVERED");
        JsonNode phone = phone(PHONE);
        assertThat(phone.toString()).contains("payload of " + id);
    }

    @Test
    void aDeliveryReceiptThatComesBeforeTheSentStatusIsKeptThenApplied() {
        double keptBefore = earlyReceiptsKept();
        assertThat(as("admin").post("/sandbox/api/faults", "{\"channel\":\"sms\",\"mode\":\"receipt-first\",\"count\":1}")
                .statusCode()).isEqualTo(200);
        String id = send(Channel.SMS, PHONE, Map.of());

        awaitStatus(id, "DELIVERED");
        assertThat(earlyReceiptsKept()).as("the receipt came first and was kept").isEqualTo(keptBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from early_receipt where remote_id = ?", Integer.class,
                remoteIdOf(id))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where id = ? and sent_at <= delivered_at",
                Integer.class, id)).isEqualTo(1);
    }

    /**
     * Fault 4 of ops/faults/inject.sh in small (ops/faults/README.md, 2026-12-03 21:00): the message centre and the
     * council's mail server hold what they were handed past the timers Handover had then (SMPP 10 s, SMTP 30 s), then
     * take it, and a second mail waits behind the held one (the mail server stores one mail at a time). Each reaches
     * its receiver once and is recorded as accepted at its first attempt: no resend.
     */
    @Test
    void aTextAndMailsTheReceiversHoldPastTheOldTimersAreReceivedOnceAndAcceptedAtTheFirstAttempt() {
        Duration holds = Duration.ofSeconds(90);
        String phone = "+447700900987";
        as("admin").post("/sandbox/api/faults", "{\"channel\":\"sms\",\"mode\":\"hang\",\"count\":1,\"hangSeconds\":12}");
        as("admin").post("/sandbox/api/faults",
                "{\"channel\":\"social-care\",\"mode\":\"hang\",\"count\":1,\"hangSeconds\":32}");
        String text = send(Channel.SMS, phone, Map.of());
        String held = send(Channel.SOCIAL_CARE, COUNCIL, Map.of("subject", "Held by the server"));
        await().atMost(holds).until(() -> !as("admin").get("/sandbox/api/faults").body().contains("social-care"));
        String behind = send(Channel.SOCIAL_CARE, COUNCIL, Map.of("subject", "Behind the held one"));

        for (String id : List.of(text, held, behind)) {
            await().atMost(holds).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                    jdbc.queryForObject("select status from outbox_message where id = ?", String.class, id))
                    .isIn("SENT", "DELIVERED"));
            assertThat(jdbc.queryForObject("select attempts from outbox_message where id = ?", Integer.class, id))
                    .as("attempts of %s", id).isEqualTo(1);
        }
        assertThat(councilMailsWithMessageIdOf(held)).isEqualTo(1);
        assertThat(councilMailsWithMessageIdOf(behind)).isEqualTo(1);
        assertThat(phone(phone).toString().split(java.util.regex.Pattern.quote("payload of " + text), -1))
                .as("copies of the text on the phone").hasSize(2);
    }

    @Test
    void aPatientReplyIsStoredBeforeItIsAcknowledged() {
        String text = "2 thank you " + UUID.randomUUID();
        var response = as("admin").post("/sandbox/api/replies", "{\"from\":\"+447700900456\",\"text\":\"" + text + "\"}");
        assertThat(response.statusCode()).isEqualTo(202);

        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from inbound_message where body = ?", Integer.class, text) == 1);
    }

    @Test
    void unusableInputIsQuarantinedWithItsReasonAndListedForAdministrators() {
        String marker = "garbled " + UUID.randomUUID();
        inbound.smsReceived("not-a-number", "NHSTrust", marker, "smpp-" + UUID.randomUUID());

        assertThat(jdbc.queryForObject("select count(*) from inbound_message where body = ?", Integer.class, marker)).isZero();
        JsonNode quarantined = as("commsadmin").getJson("/api/admin/quarantine?source=sms");
        JsonNode entry = first(quarantined, node -> node.path("reason").asText().contains("not a phone number"));
        assertThat(entry).isNotNull();
        JsonNode detail = as("commsadmin").getJson("/api/admin/quarantine/" + entry.path("id").asText());
        assertThat(detail.path("payload").asText()).contains(marker);
        assertThat(as("consultant").get("/api/admin/quarantine").statusCode()).isEqualTo(403);
    }

    @Test
    void transientFailuresAreRetriedWithBackoffThenDeadLetteredIntoATaskWhoseRetryDeliversOnce() {
        as("admin").post("/sandbox/api/faults", "{\"channel\":\"gp\",\"mode\":\"http-503\",\"count\":1000}");
        String id = send(Channel.GP, GP_MAILBOX, Map.of("meshWorkflowId", "TOC_FHIR_IP_DISCH"));

        awaitStatus(id, "DEAD");
        assertThat(jdbc.queryForObject("select attempts from outbox_message where id = ?", Integer.class, id)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select last_error from outbox_message where id = ?", String.class, id))
                .contains("HTTP_503");
        Task task = awaitDeliveryFailedTask(id);
        assertThat(task.getDueDate()).isNotNull();
        assertThat(meshMessagesWithLocalId(id)).isEmpty();

        as("admin").post("/sandbox/api/faults", "{\"channel\":\"gp\",\"mode\":\"none\"}");
        var completed = as("commsadmin").post("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":\"retry\"}}}");
        assertThat(completed.statusCode()).isEqualTo(204);

        awaitStatus(id, "SENT");
        assertThat(meshMessagesWithLocalId(id)).hasSize(1);
    }

    @Test
    void aPermanentRefusalIsDeadLetteredAtOnceAndAbandoningItNeedsAReason() {
        as("admin").post("/sandbox/api/faults", "{\"channel\":\"gp\",\"mode\":\"http-400\",\"count\":1}");
        String id = send(Channel.GP, GP_MAILBOX, Map.of("meshWorkflowId", "TOC_FHIR_IP_DISCH"));

        awaitStatus(id, "DEAD");
        assertThat(jdbc.queryForObject("select attempts from outbox_message where id = ?", Integer.class, id)).isEqualTo(1);
        Task task = awaitDeliveryFailedTask(id);

        var refused = as("commsadmin").post("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":\"abandon\"}}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Give a reason");

        var consultantTry = as("consultant").post("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":\"abandon\"},\"reason\":{\"value\":\"not mine\"}}}");
        assertThat(consultantTry.statusCode()).isEqualTo(403);

        var abandoned = as("commsadmin").post("/engine-rest/task/" + task.getId() + "/complete",
                "{\"variables\":{\"resolution\":{\"value\":\"abandon\"},\"reason\":{\"value\":\"Sent by post\"}}}");
        assertThat(abandoned.statusCode()).isEqualTo(204);
        awaitStatus(id, "ABANDONED");
        assertThat(jdbc.queryForObject("select last_error from outbox_message where id = ?", String.class, id))
                .contains("commsadmin").contains("Sent by post");
    }

    @Test
    void aMessageWrittenInAStepThatRollsBackIsNeverSent() {
        String id = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> {
            outbox.send(new OutboxEntry(id, Channel.SMS, PHONE, "Test", "case-" + id, "never " + id, Map.of()));
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where id = ?", Integer.class, id)).isZero();
    }

    @Test
    void theLedgerIsAvailableToAdministratorsWithRecipientsMasked() {
        String id = send(Channel.SMS, PHONE, Map.of());
        awaitStatus(id, "DELIVERED");
        JsonNode entry = as("commsadmin").getJson("/api/admin/deliveries/" + id);
        assertThat(entry.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(entry.path("recipient").asText()).endsWith("0123").doesNotContain("7700900");
        assertThat(as("commsadmin").getJson("/api/admin/deliveries/summary").path("DELIVERED").asLong()).isPositive();
    }

    // --- helpers ---

    String send(Channel channel, String recipient, Map<String, String> attributes) {
        String id = UUID.randomUUID().toString();
        transaction.executeWithoutResult(status -> outbox.send(
                new OutboxEntry(id, channel, recipient, "ScenarioMessage", "case-" + id, "payload of " + id, attributes)));
        return id;
    }

    void awaitStatus(String id, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("select status from outbox_message where id = ?", String.class, id)).isEqualTo(status));
    }

    String remoteIdOf(String id) {
        return jdbc.queryForObject("select remote_id from outbox_message where id = ?", String.class, id);
    }

    Task awaitDeliveryFailedTask(String messageId) {
        return await().atMost(PATIENCE).until(() -> taskService.createTaskQuery()
                .processInstanceBusinessKey(messageId)
                .taskDefinitionKey(DeliveryFailedProcess.Elements.RESOLVE)
                .taskCandidateGroup(DeliveryFailedProcess.CANDIDATE_GROUP)
                .singleResult(), task -> task != null);
    }

    List<JsonNode> meshMessagesWithLocalId(String localId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode mailbox : as("admin").getJson("/sandbox/api/gp-mailboxes?limit=500")) {
            for (JsonNode message : mailbox.path("messages")) {
                if (localId.equals(message.path("localId").asText())) {
                    found.add(message);
                }
            }
        }
        return found;
    }

    long councilMailsWithMessageIdOf(String id) {
        long count = 0;
        for (JsonNode mail : as("admin").getJson("/sandbox/api/council-mail?limit=500")) {
            if (mail.path("messageId").asText().contains(id)) {
                count++;
            }
        }
        return count;
    }

    double earlyReceiptsKept() {
        Double kept = PrometheusScrape.of(environment(), "admin").value("handover_delivery_early_receipts_total",
                "channel", "sms");
        return kept == null ? 0 : kept;
    }

    JsonNode phone(String number) {
        return first(as("admin").getJson("/sandbox/api/phones"), node -> number.equals(node.path("number").asText()));
    }

    static JsonNode first(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode node : array) {
            if (test.test(node)) {
                return node;
            }
        }
        return null;
    }
}
