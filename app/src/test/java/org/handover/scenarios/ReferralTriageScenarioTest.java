package org.handover.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.handover.HandoverApplication;
import org.handover.support.Http;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A GP referral from end to end, through the real entry points only: FHIR POST by the integration user, the rules
 * route it (a red flag raises it to two-week-wait), a consultant triages it over the Camunda REST API, a booking
 * administrator books it, the GP practice's MESH mailbox receives the outcome messages, the patient's phone the
 * appointment text, and the referral reads BOOKED over FHIR.
 */
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ActiveProfiles("sandbox")
class ReferralTriageScenarioTest {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Path SAMPLES = Path.of("..", "ops", "samples", "referrals");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
    }

    @Test
    void aRedFlagReferralIsRoutedTriagedBookedAndCommunicated() throws Exception {
        String body = Files.readString(SAMPLES.resolve("valid-2ww-colorectal-red-flag.json"));
        HttpResponse<String> created = postFhir("integration", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/fhir/r4/ServiceRequest/"));
        JsonNode resource = Http.parse(created.body());
        String ubrn = "100000000002";
        assertThat(resource.path("priority").asText()).isEqualTo("asap");

        // Idempotent: the same UBRN again starts nothing new
        assertThat(postFhir("integration", body).statusCode()).isEqualTo(200);

        Http consultant = as("consultant");
        JsonNode triage = consultant.awaitOneTask(ubrn, "UserTask_TriageReferral");
        assertThat(triage.path("priority").asInt()).isEqualTo(90);
        JsonNode variables = consultant.getJson("/engine-rest/task/" + triage.path("id").asText() + "/variables");
        assertThat(variables.path("triageGroup").path("value").asText()).isEqualTo("triage-colorectal");
        assertThat(variables.path("routingReason").path("value").asText()).containsIgnoringCase("two-week-wait");
        assertThat(variables.path("referralDetails").path("value").asText()).contains("**NHS number:** 999 000 0026");
        assertThat(variables.path("taskNhsNumber").path("value").asText()).isEqualTo("999 000 0026");

        assertThat(consultant.post("/engine-rest/task/" + triage.path("id").asText() + "/complete", """
                {"variables":{"triageOutcome":{"value":"accept"},
                 "triageComment":{"value":"Straight to test: book colonoscopy clinic within 2 weeks"}}}
                """).statusCode()).isEqualTo(204);

        Http booking = as("bookingadmin");
        JsonNode book = booking.awaitOneTask(ubrn, "UserTask_BookAppointment");
        String start = LocalDate.now().plusDays(7) + "T09:30";
        assertThat(booking.post("/engine-rest/task/" + book.path("id").asText() + "/complete", """
                {"variables":{"appointmentClinic":{"value":"Colorectal 2WW clinic"},
                 "appointmentStart":{"value":"%s"},
                 "appointmentLocation":{"value":"Outpatients B, Worcestershire Royal Hospital"}}}
                """.formatted(start)).statusCode()).isEqualTo(204);

        Http integration = as("integration");
        JsonNode bundle = integration.getJson("/fhir/r4/ServiceRequest?identifier=https://fhir.nhs.uk/Id/UBRN%7C" + ubrn);
        assertThat(bundle.toString()).contains("BOOKED");

        // Started by the integration user although Camunda's start check was skipped; history keeps the decisions,
        // not the copies of the referral record (docs/decisions/0006)
        Http admin = as("admin");
        JsonNode started = admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey=" + ubrn);
        assertThat(started.path(0).path("startUserId").asText()).isEqualTo("integration");
        JsonNode history = admin.getJson("/engine-rest/history/variable-instance?processInstanceId="
                + started.path(0).path("id").asText());
        List<String> kept = new ArrayList<>();
        history.forEach(variable -> kept.add(variable.path("name").asText()));
        assertThat(kept).contains("triageOutcome", "triageComment", "priority", "rulesFired", "appointmentClinic")
                .doesNotContain("patientName", "nhsNumber", "referralDetails", "clinicalInformation",
                        "referralReason", "taskNhsNumber", "taskPatientName");

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode mailboxes = as("admin").getJson("/sandbox/api/gp-mailboxes?limit=500");
            String gpMail = mailboxes.toString();
            assertThat(gpMail).contains("Referral accepted (UBRN " + ubrn + ")");
            assertThat(gpMail).contains("Appointment booked (UBRN " + ubrn + ")");
            String phones = as("admin").getJson("/sandbox/api/phones").toString();
            assertThat(phones).contains("Colorectal 2WW clinic").contains(ubrn);
        });
    }

    @Test
    void refusalsAreClearAndKept() throws Exception {
        HttpResponse<String> badNumber = postFhir("integration", Files.readString(SAMPLES.resolve("invalid-nhs-number.json")));
        assertThat(badNumber.statusCode()).isEqualTo(422);
        assertThat(badNumber.body()).contains("OperationOutcome").contains("check digit");

        HttpResponse<String> noUbrn = postFhir("integration", Files.readString(SAMPLES.resolve("invalid-missing-ubrn.json")));
        assertThat(noUbrn.statusCode()).isEqualTo(400);
        assertThat(noUbrn.body()).contains("UBRN");

        assertThat(postFhir("patientexperience",
                Files.readString(SAMPLES.resolve("valid-routine-dermatology.json"))).statusCode()).isEqualTo(403);
    }

    private static Http as(String user) {
        return Http.as(ENVIRONMENT.baseUrl(), user);
    }


    private static HttpResponse<String> postFhir(String user, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ENVIRONMENT.baseUrl() + "/fhir/r4/ServiceRequest"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
