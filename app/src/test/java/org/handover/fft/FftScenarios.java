package org.handover.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.HandoverApplication;
import org.handover.domain.NhsNumber;
import org.handover.encounter.EncounterEnded;
import org.handover.encounter.EncounterSetting;
import org.handover.support.Http;
import org.handover.support.MutableClock;
import org.handover.support.SandboxEnvironment;
import org.handover.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Friends and Family Test from end to end through the real parts: an EncounterEnded event published in a
 * transaction as an intake does (or POST /api/fft/encounters), the rules, the outbox, Artemis, camel-smpp and the
 * sandbox SMPP message centre (jSMPP), the patient's replies typed on the sandbox's phone, receipts back, and the
 * results endpoints. Time is the application's clock, moved by the test where the scenario needs days to pass;
 * the test starts at 10:00 UK time so that the sending hours (09:00-20:00) are open.
 */
@SpringBootTest(classes = {HandoverApplication.class, TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class FftScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** The end of the question's last part: the whole text has arrived. */
    static final String QUESTION_END = "6 Don't know. Replies are free. Reply STOP to opt out.";
    private static final AtomicInteger NEXT_PATIENT = new AtomicInteger(100);


    static Map<String, Object> fftProperties() {
        return Map.of("handover.fft.poll-interval", "200ms", "handover.fft.trust-name", "Test NHS Trust");
    }

    @Autowired
    MutableClock clock;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    abstract SandboxEnvironment environment();

    @BeforeEach
    void tenInTheMorning() {
        Instant now = clock.instant();
        LocalDate today = now.atZone(LONDON).toLocalDate();
        Instant tenToday = today.atTime(LocalTime.of(10, 0)).atZone(LONDON).toInstant();
        // keep moving forward: a scenario may already have moved the clock days ahead
        clock.set(tenToday.isAfter(now) ? tenToday : today.plusDays(1).atTime(10, 0).atZone(LONDON).toInstant());
    }

    @Test
    void encounterTextAfterTheDelayReplyTwoFollowUpCommentAndResults() throws Exception {
        Patient patient = newPatient();
        String encounterId = "ENC-HAPPY-" + patient.nhsNumber();
        // ended 2 hours minus 3 seconds ago: the text is due in 3 seconds, not before
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2)).plusSeconds(3)));
        assertThat(stateOf(encounterId)).isEqualTo("SCHEDULED");
        Thread.sleep(1_000);
        assertThat(textsTo(patient.mobile())).isEmpty();

        JsonNode question = awaitText(patient.mobile(), QUESTION_END);
        assertThat(question.path("text").asText())
                .startsWith("Test NHS Trust: thinking about your recent stay in hospital")
                .contains("1 Very good, 2 Good, 3 Neither good nor poor, 4 Poor, 5 Very poor, 6 Don't know")
                .contains("Reply STOP to opt out");
        assertThat(question.path("dataCoding").asInt()).as("GSM-7, not UCS-2").isZero();
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(column(encounterId, "delivery_status")));

        reply(patient.mobile(), "2");
        awaitText(patient.mobile(), "Please tell us why");
        assertThat(stateOf(encounterId)).isEqualTo("AWAITING_COMMENT");
        assertThat(column(encounterId, "answer")).isEqualTo("2");

        reply(patient.mobile(), "Nurses were kind but call me on 07700 900456 or jo@example.com, NHS no 943 476 5919");
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(column(encounterId, "outcome")));
        assertThat(column(encounterId, "comment")).isEqualTo("Nurses were kind but call me on [phone number removed] "
                + "or [email removed], NHS no [NHS number removed]");

        String month = YearMonth.now(clock.withZone(LONDON)).toString();
        Http experience = as("patientexperience");
        JsonNode results = experience.getJson("/api/fft/results?month=" + month + "&ward=" + url(patient.ward()));
        JsonNode line = results.path("lines").get(0);
        assertThat(results.path("lines").size()).isEqualTo(1);
        assertThat(line.path("siteCode").asText()).isEqualTo("RX101");
        assertThat(line.path("setting").asText()).isEqualTo("INPATIENT");
        assertThat(line.path("good").asInt()).isEqualTo(1);
        assertThat(line.path("total").asInt()).isEqualTo(1);
        assertThat(line.path("percentPositive").asInt()).isEqualTo(100);
        assertThat(line.path("percentNegative").asInt()).isZero();

        JsonNode comments = experience.getJson("/api/fft/comments?q=KIND&ward=" + url(patient.ward()));
        assertThat(comments.size()).isEqualTo(1);
        assertThat(comments.get(0).path("answer").asInt()).isEqualTo(2);
        assertThat(comments.get(0).path("answerLabel").asText()).isEqualTo("Good");
        assertThat(comments.get(0).path("comment").asText()).contains("Nurses were kind").doesNotContain("07700");
        assertThat(experience.getJson("/api/fft/comments?q=nothing-like-this").size()).isZero();
        assertThat(experience.getJson("/api/fft/trend?months=3&ward=" + url(patient.ward())).toString())
                .contains("\"responses\":1").contains("\"percentPositive\":100");
        assertThat(experience.get("/fft").body()).contains("Friends and Family Test");

        // (@SpringBootTest leaves the Prometheus export off; the registry holds the same meters)
        assertThat(counter("handover.fft.texts.sent", "type", "FftQuestion")).isPositive();
        assertThat(counter("handover.fft.texts.sent", "type", "FftFollowUp")).isPositive();
        assertThat(counter("handover.fft.questions.receipts", "status", "delivered")).isPositive();
        assertThat(counter("handover.fft.replies", "kind", "answer")).isPositive();
        assertThat(counter("handover.fft.replies", "kind", "comment")).isPositive();
        assertThat(meters.find("handover.fft.response.rate").gauge()).isNotNull();

        // the same event again starts nothing
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(3))));
        assertThat(jdbc.queryForObject("select count(*) from fft_conversation where encounter_id = ?", Integer.class,
                encounterId)).isEqualTo(1);
    }

    @Test
    void csvHasTheMonthlySubmissionLayoutColumnByColumn() throws Exception {
        String ward = "CSV Ward, \"East\"";
        int[] answers = {1, 1, 2, 4, 5, 6, 3};
        for (int answer : answers) {
            Patient patient = newPatient(ward);
            String encounterId = "ENC-CSV-" + patient.nhsNumber();
            publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2))));
            awaitText(patient.mobile(), QUESTION_END);
            reply(patient.mobile(), Integer.toString(answer));
            awaitText(patient.mobile(), "Please tell us why");
        }
        String month = YearMonth.now(clock.withZone(LONDON)).toString();
        HttpResponse<String> csv = get("patientexperience", "/api/fft/results?month=" + month + "&site=RX101",
                "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Period,Organisation code,Site code,Ward,Setting,1 Very good,2 Good,"
                + "3 Neither good nor poor,4 Poor,5 Very poor,6 Don't know,Total responses,Collected by SMS,"
                + "Percentage positive,Percentage negative");
        String row = lines.stream().filter(l -> l.contains("CSV Ward")).findFirst().orElseThrow();
        List<String> cells = parseCsvRow(row);
        assertThat(cells).hasSize(15);
        assertThat(cells.get(0)).as("Period").isEqualTo(month);
        assertThat(cells.get(1)).as("Organisation code").isEqualTo("RX1");
        assertThat(cells.get(2)).as("Site code").isEqualTo("RX101");
        assertThat(cells.get(3)).as("Ward").isEqualTo(ward);
        assertThat(cells.get(4)).as("Setting").isEqualTo("Inpatient");
        assertThat(cells.get(5)).as("1 Very good").isEqualTo("2");
        assertThat(cells.get(6)).as("2 Good").isEqualTo("1");
        assertThat(cells.get(7)).as("3 Neither good nor poor").isEqualTo("1");
        assertThat(cells.get(8)).as("4 Poor").isEqualTo("1");
        assertThat(cells.get(9)).as("5 Very poor").isEqualTo("1");
        assertThat(cells.get(10)).as("6 Don't know").isEqualTo("1");
        assertThat(cells.get(11)).as("Total responses").isEqualTo("7");
        assertThat(cells.get(12)).as("Collected by SMS").isEqualTo("7");
        assertThat(cells.get(13)).as("Percentage positive: 3 of 7").isEqualTo("43");
        assertThat(cells.get(14)).as("Percentage negative: 2 of 7").isEqualTo("29");
    }

    @Test
    void stopOptsOutAtOnceWithOneConfirmationAndStartResubscribes() {
        Patient patient = newPatient();
        String encounterId = "ENC-STOP-" + patient.nhsNumber();
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2))));
        awaitText(patient.mobile(), QUESTION_END);

        reply(patient.mobile(), "stop please");
        awaitText(patient.mobile(), "You will not get any more feedback texts");
        await().atMost(PATIENCE).until(() -> "OPTED_OUT".equals(column(encounterId, "outcome")));
        reply(patient.mobile(), "STOP");
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from fft_reply where mobile = ? and classification = 'OPT_OUT'", Integer.class,
                patient.mobile()) == 2);
        assertThat(textsTo(patient.mobile()).stream().filter(t -> t.contains("You will not get any more")).count())
                .as("one confirmation").isEqualTo(1);

        Patient sameNumber = new Patient(nextNhsNumber(), patient.mobile(), patient.ward());
        String second = "ENC-STOP2-" + sameNumber.nhsNumber();
        publish(encounter(second, sameNumber, clock.instant().minus(Duration.ofHours(2))));
        assertThat(stateOf(second)).isEqualTo("SKIPPED");
        assertThat(column(second, "skip_reason")).isEqualTo("OPTED_OUT");

        assertThat(counter("handover.fft.opt.outs", "source", "sms")).isPositive();

        reply(patient.mobile(), "START");
        awaitText(patient.mobile(), "you will get feedback texts from Test NHS Trust again");
        Patient third = new Patient(nextNhsNumber(), patient.mobile(), patient.ward());
        String thirdEncounter = "ENC-STOP3-" + third.nhsNumber();
        publish(encounter(thirdEncounter, third, clock.instant().minus(Duration.ofHours(2))));
        // no longer opted out; still asked within 30 days on this number, so the rules hold back on that alone
        assertThat(jdbc.queryForObject("select count(*) from fft_opt_out where mobile = ?", Integer.class,
                patient.mobile())).isZero();
        assertThat(column(thirdEncounter, "skip_reason")).isEqualTo("ASKED_RECENTLY");
        assertThat(column(thirdEncounter, "decision")).doesNotContainIgnoringCase("opted out");
    }

    @Test
    void aCancelledDischargeWithdrawsTheTextNotYetSent() {
        Patient patient = newPatient();
        String encounterId = "ENC-CANCEL-" + patient.nhsNumber();
        publish(encounter(encounterId, patient, clock.instant()));
        assertThat(stateOf(encounterId)).isEqualTo("SCHEDULED");
        transactions.executeWithoutResult(status -> events.publishEvent(new org.handover.encounter.DischargeCancelled(
                encounterId, patient.nhsNumber(), clock.instant(), "A13 cancel discharge")));
        assertThat(stateOf(encounterId)).isEqualTo("ENDED");
        assertThat(column(encounterId, "outcome")).isEqualTo("CANCELLED");
        clock.advance(Duration.ofHours(3));
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> textsTo(patient.mobile()).isEmpty());
    }

    @Test
    void aReplyFromAnUnknownNumberIsKeptAndAnsweredPolitelyOnce() {
        String stranger = nextMobile();
        reply(stranger, "Hello, who is this?");
        awaitText(stranger, "This number is only used by Test NHS Trust");
        reply(stranger, "Hello??");
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "select count(*) from fft_reply where mobile = ? and classification = 'UNKNOWN_SENDER'", Integer.class,
                stranger) == 2);
        assertThat(jdbc.queryForObject("select text from fft_reply where mobile = ? and answered = true", String.class,
                stranger)).isEqualTo("Hello, who is this?");
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> textsTo(stranger).size() == 1);
    }

    @Test
    void noReplyEndsAsNoResponseAfterTheWait() {
        Patient patient = newPatient();
        String encounterId = "ENC-SILENT-" + patient.nhsNumber();
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2))));
        awaitText(patient.mobile(), QUESTION_END);
        clock.advance(Duration.ofHours(71));
        await().during(Duration.ofMillis(800)).atMost(PATIENCE)
                .until(() -> "AWAITING_ANSWER".equals(stateOf(encounterId)));
        clock.advance(Duration.ofHours(2));
        await().atMost(PATIENCE).until(() -> "NO_RESPONSE".equals(column(encounterId, "outcome")));
    }

    @Test
    void anUndeliveredQuestionEndsWithoutWaiting() {
        assertThat(as("admin").post("/sandbox/api/faults",
                "{\"channel\":\"sms\",\"mode\":\"receipt-undeliverable\",\"count\":1}").statusCode()).isEqualTo(200);
        Patient patient = newPatient();
        String encounterId = "ENC-UNDELIV-" + patient.nhsNumber();
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2))));
        await().atMost(PATIENCE).until(() -> "UNDELIVERED".equals(column(encounterId, "outcome")));
        assertThat(column(encounterId, "delivery_status")).isEqualTo("UNDELIVERABLE");
    }

    @Test
    void aQuestionWhoseReceiptComesBeforeItIsRecordedSentIsSeenDelivered() {
        assertThat(as("admin").post("/sandbox/api/faults",
                "{\"channel\":\"sms\",\"mode\":\"receipt-first\",\"count\":1}").statusCode()).isEqualTo(200);
        Patient patient = newPatient();
        String encounterId = "ENC-EARLY-" + patient.nhsNumber();
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2))));
        await().atMost(PATIENCE).until(() -> "DELIVERED".equals(column(encounterId, "delivery_status")));
        assertThat(counter("handover.delivery.early.receipts", "channel", "sms")).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from early_receipt", Integer.class)).isZero();
    }

    @Test
    void anUnreadableReplyGetsOneClarificationThenIsKeptAsAComment() {
        Patient patient = newPatient();
        String encounterId = "ENC-UNCLEAR-" + patient.nhsNumber();
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2))));
        awaitText(patient.mobile(), QUESTION_END);
        reply(patient.mobile(), "What is this about?");
        awaitText(patient.mobile(), "Sorry, we could not understand your reply");
        reply(patient.mobile(), "The car park");
        await().atMost(PATIENCE).until(() -> "UNCLASSIFIED".equals(column(encounterId, "outcome")));
        assertThat(column(encounterId, "unclassified_reply")).isEqualTo("What is this about?\nThe car park");
        assertThat(column(encounterId, "answer")).isNull();
    }

    @Test
    void aReplyFullOfControlCharactersIsStoredOnceVisiblyAndAnsweredWithTheClarification() {
        Patient patient = newPatient();
        String encounterId = "ENC-CONTROL-" + patient.nhsNumber();
        publish(encounter(encounterId, patient, clock.instant().minus(Duration.ofHours(2))));
        awaitText(patient.mobile(), QUESTION_END);
        // what fault 5 sent (MalformedInputs SMS_CONTROL_CHARACTERS): PostgreSQL refused the NUL and the text was lost
        reply(patient.mobile(), "\u0000\u0007q#z\u001b[31m\u0008\u007f3");
        awaitText(patient.mobile(), "Sorry, we could not understand your reply");
        assertThat(jdbc.queryForList("select body from inbound_message where sender = ?", String.class,
                patient.mobile())).containsExactly("\uFFFD\u0007q#z\u001b[31m\u0008\u007f3");
        assertThat(stateOf(encounterId)).isEqualTo("AWAITING_CLARIFIED_ANSWER");
        assertThat(column(encounterId, "unclassified_reply")).isEqualTo("\uFFFD\u0007q#z\u001b[31m\u0008\u007f3");
        assertThat(column(encounterId, "answer")).isNull();
    }

    @Test
    void otherSourcesPostEncountersValidatedAndIdempotent() {
        Http integration = as("integration");
        Patient patient = newPatient();
        String body = """
                {"encounterId":"OP-%s","nhsNumber":"%s","birthDate":"1960-05-01","mobile":"%s","setting":"OUTPATIENT",
                 "siteCode":"RX102","ward":"Eye clinic","endedAt":"%s","clinicalCodes":["H25.9"]}
                """.formatted(patient.nhsNumber(), patient.nhsNumber(), patient.mobile(),
                clock.instant().minus(Duration.ofHours(2)));
        HttpResponse<String> created = integration.post("/api/fft/encounters", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode first = Http.parse(created.body());
        assertThat(first.path("state").asText()).isEqualTo("SCHEDULED");
        HttpResponse<String> again = integration.post("/api/fft/encounters", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.parse(again.body()).path("conversationId").asText())
                .isEqualTo(first.path("conversationId").asText());
        awaitText(patient.mobile(), "recent outpatient appointment");

        Patient child = newPatient();
        HttpResponse<String> under16 = integration.post("/api/fft/encounters", """
                {"encounterId":"OP-CHILD-%s","nhsNumber":"%s","birthDate":"%s","mobile":"%s","setting":"OUTPATIENT",
                 "siteCode":"RX102","ward":"Eye clinic","endedAt":"%s"}
                """.formatted(child.nhsNumber(), child.nhsNumber(), LocalDate.now(clock).minusYears(15),
                child.mobile(), clock.instant().minus(Duration.ofHours(1))));
        assertThat(under16.statusCode()).isEqualTo(201);
        assertThat(Http.parse(under16.body()).path("skipReason").asText()).isEqualTo("UNDER_16");
        JsonNode month = as("patientexperience").getJson("/api/fft/results?site=RX102&month="
                + YearMonth.now(clock.withZone(LONDON)));
        assertThat(month.path("skipped").path("UNDER_16").asInt()).isEqualTo(1);

        HttpResponse<String> bad = integration.post("/api/fft/encounters", """
                {"encounterId":"bad id with spaces","nhsNumber":"9434765918","birthDate":"19600501",
                 "setting":"WARD","siteCode":"RX1","ward":"A","endedAt":"yesterday","mobile":"call me"}
                """);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("encounterId").contains("nhsNumber").contains("birthDate '19600501'")
                .contains("setting is required").contains("endedAt 'yesterday'").contains("mobile is not a phone number")
                .contains("quarantineId");
        assertThat(integration.post("/api/fft/encounters", "{\"encounterId\":\"X\",\"surname\":\"Smith\"}")
                .statusCode()).isEqualTo(400);

        assertThat(as("patientexperience").post("/api/fft/encounters", body).statusCode()).isEqualTo(403);
        assertThat(integration.get("/api/fft/results").statusCode()).isEqualTo(403);
        assertThat(Http.anonymous(environment().baseUrl()).get("/api/fft/results").statusCode()).isEqualTo(401);
        assertThat(as("patientexperience").get("/api/fft/results?month=November").statusCode()).isEqualTo(400);
    }

    @Test
    void aSourcePostsABatchOfEncountersEachDecidedAsItWouldBeAlone() {
        Http integration = as("integration");
        Patient patient = newPatient();
        Patient child = newPatient();
        Patient earlier = newPatient();
        String endedAt = clock.instant().minus(Duration.ofHours(2)).toString();
        String template = """
                {"encounterId":"%s","nhsNumber":"%s","birthDate":"%s","mobile":"%s","setting":"OUTPATIENT",
                 "siteCode":"RX103","ward":"Fracture clinic","endedAt":"%s"}""";
        String earlierBody = template.formatted("OPB-E-" + earlier.nhsNumber(), earlier.nhsNumber(), "1950-01-01",
                earlier.mobile(), endedAt);
        assertThat(integration.post("/api/fft/encounters", earlierBody).statusCode()).isEqualTo(201);

        HttpResponse<String> response = integration.post("/api/fft/encounters", "[" + String.join(",",
                template.formatted("OPB-1-" + patient.nhsNumber(), patient.nhsNumber(), "1960-05-01", patient.mobile(),
                        endedAt),
                template.formatted("OPB-2-" + patient.nhsNumber(), patient.nhsNumber(), "1960-05-01", patient.mobile(),
                        endedAt),
                template.formatted("OPB-C-" + child.nhsNumber(), child.nhsNumber(), LocalDate.now(clock).minusYears(15),
                        child.mobile(), endedAt),
                "{\"encounterId\":\"bad id\",\"nhsNumber\":\"123\"}",
                earlierBody,
                template.formatted("OPB-1-" + patient.nhsNumber(), patient.nhsNumber(), "1960-05-01", patient.mobile(),
                        endedAt)) + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = Http.parse(response.body()).path("results");
        assertThat(results.findValues("status").stream().map(JsonNode::asInt).toList())
                .containsExactly(201, 201, 201, 400, 200, 200);
        assertThat(results.get(0).path("result").path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(results.get(1).path("result").path("skipReason").asText()).isEqualTo("ASKED_RECENTLY");
        assertThat(results.get(2).path("result").path("skipReason").asText()).isEqualTo("UNDER_16");
        assertThat(results.get(3).path("result").path("problems").toString()).contains("encounterId")
                .contains("nhsNumber");
        assertThat(results.get(3).path("result").path("quarantineId").asText()).isNotBlank();
        assertThat(results.get(5).path("result").path("conversationId").asText())
                .isEqualTo(results.get(0).path("result").path("conversationId").asText());
        assertThat(jdbc.queryForObject("select count(*) from audit_event where resource like ?", Integer.class,
                "fft-encounter/OPB-%-" + patient.nhsNumber())).isEqualTo(2);
        awaitText(patient.mobile(), "recent outpatient appointment");
        assertThat(textsTo(patient.mobile())).hasSize(1);

        assertThat(integration.post("/api/fft/encounters", "[]").statusCode()).isEqualTo(400);
        assertThat(integration.post("/api/fft/encounters", "[" + String.join(",", java.util.Collections.nCopies(
                FftEncounterController.MAX_BATCH + 1, earlierBody)) + "]").statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- helpers

    record Patient(String nhsNumber, String mobile, String ward) {
    }

    Patient newPatient() {
        return newPatient("Ward " + NEXT_PATIENT.get());
    }

    Patient newPatient(String ward) {
        return new Patient(nextNhsNumber(), nextMobile(), ward);
    }

    static String nextNhsNumber() {
        while (true) {
            var number = NhsNumber.withCheckDigit("999" + String.format("%06d", NEXT_PATIENT.incrementAndGet()));
            if (number.isPresent()) {
                return number.get().value();
            }
        }
    }

    /** Ofcom's range for drama, never a real subscriber. */
    static String nextMobile() {
        return "+4477009" + String.format("%05d", 10_000 + NEXT_PATIENT.incrementAndGet());
    }

    EncounterEnded encounter(String encounterId, Patient patient, Instant endedAt) {
        return new EncounterEnded(encounterId, patient.nhsNumber(), "Test", "Patient", LocalDate.of(1970, 3, 14),
                patient.mobile(), "WR5 1DD", "A81001", EncounterSetting.INPATIENT, "RX101", patient.ward(),
                "General medicine", endedAt, false, List.of("22298006"));
    }

    /** As an intake does: inside the transaction that stored the encounter. */
    void publish(EncounterEnded event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    String stateOf(String encounterId) {
        return column(encounterId, "state");
    }

    String column(String encounterId, String column) {
        List<String> values = jdbc.queryForList("select " + column + " from fft_conversation where encounter_id = ?",
                String.class, encounterId);
        return values.isEmpty() ? null : values.get(0);
    }

    void reply(String mobile, String text) {
        HttpResponse<String> response = as("admin").post("/sandbox/api/phones/" + mobile.replace("+", "%2B")
                + "/replies", "{\"text\":" + json(text) + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    List<String> textsTo(String mobile) {
        JsonNode phones = as("admin").getJson("/sandbox/api/phones?limit=1000");
        for (JsonNode phone : phones) {
            if (phone.path("number").asText().equals(mobile)) {
                return phone.path("texts").findValues("text").stream().map(JsonNode::asText).toList();
            }
        }
        return List.of();
    }

    JsonNode awaitText(String mobile, String containing) {
        return await().atMost(PATIENCE).until(() -> {
            JsonNode phones = as("admin").getJson("/sandbox/api/phones?limit=1000");
            for (JsonNode phone : phones) {
                if (phone.path("number").asText().equals(mobile)) {
                    for (JsonNode text : phone.path("texts")) {
                        if (text.path("text").asText().contains(containing)) {
                            return text;
                        }
                    }
                }
            }
            return null;
        }, text -> text != null);
    }

    Http as(String user) {
        return Http.as(environment().baseUrl(), user);
    }

    HttpResponse<String> get(String user, String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(environment().baseUrl() + path))
                .header("Accept", accept)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes()))
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String url(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180: quoted cells may hold commas and doubled quotes. */
    static List<String> parseCsvRow(String row) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
