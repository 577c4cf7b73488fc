package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.handover.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The MESH mailbox server through its HTTP interface, on a real (in-memory H2) database. */
class MeshControllerTest {

    private static final String TRUST = "RX1OT001";
    private static final String GP = "A81001OT001";
    private static final String DISCHARGE = "TOC_FHIR_IP_DISCH";
    private static final String SUMMARY = "{\"resourceType\":\"Bundle\",\"note\":\"discharge summary for 999 000 0018\"}";

    private static DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();
    private MeshStore store;
    private Faults faults;
    private MockMvc mvc;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated();
    }

    @BeforeEach
    void setUp() {
        store = new MeshStore(dataSource);
        store.deleteAll();
        MeshMailboxes mailboxes = new MeshMailboxes(TRUST);
        MeshAuthenticator authenticator = new MeshAuthenticator(MeshTokens.SHARED_KEY, MeshTokens.PASSWORD,
                Duration.ofHours(2), mailboxes, Clock.systemUTC());
        faults = new Faults(Duration.ofMillis(50), Clock.systemUTC());
        MeshController controller = new MeshController(authenticator,
                new MeshPostOffice(store, mailboxes, Clock.systemUTC()), store, mailboxes, faults);
        // as in the application: sends are answered by the fast path, everything else by Spring MVC
        mvc = MockMvcBuilders.standaloneSetup(controller)
                .addFilters(new MeshOutboxFastPath(controller, json))
                .build();
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void handshakeWithAValidTokenNamesTheMailbox() throws Exception {
        mvc.perform(get("/messageexchange/" + TRUST).header("Authorization", MeshTokens.token(TRUST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mailboxId").value(TRUST));
    }

    @Test
    void requestWithoutTokenIsUnauthorised() throws Exception {
        mvc.perform(get("/messageexchange/" + TRUST + "/inbox"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.errorDescription").value(org.hamcrest.Matchers.startsWith(
                        "Error reading from Authorization header")));
        mvc.perform(get("/messageexchange/" + TRUST).header("Authorization", "Basic YWRtaW46YWRtaW4="))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void tokenMadeWithTheWrongPasswordIsForbidden() throws Exception {
        String token = MeshTokens.token(TRUST, UUID.randomUUID().toString(), "1", Instant.now(), "not-the-password");
        mvc.perform(get("/messageexchange/" + TRUST).header("Authorization", token))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errorDescription").value("Invalid Authentication Token"));
    }

    @Test
    void staleTokenIsForbidden() throws Exception {
        String token = MeshTokens.token(TRUST, UUID.randomUUID().toString(), "1",
                Instant.now().minus(Duration.ofHours(3)), MeshTokens.PASSWORD);
        mvc.perform(get("/messageexchange/" + TRUST).header("Authorization", token))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errorDescription").value(org.hamcrest.Matchers.containsString("timestamp")));
        String slightlyFast = MeshTokens.token(TRUST, UUID.randomUUID().toString(), "1",
                Instant.now().plus(Duration.ofMinutes(90)), MeshTokens.PASSWORD);
        mvc.perform(get("/messageexchange/" + TRUST).header("Authorization", slightlyFast))
                .andExpect(status().isOk());
    }

    @Test
    void replayedNonceIsForbiddenUnlessItsCountGoesUp() throws Exception {
        String nonce = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String token = MeshTokens.token(TRUST, nonce, "1", now, MeshTokens.PASSWORD);
        mvc.perform(get("/messageexchange/" + TRUST).header("Authorization", token)).andExpect(status().isOk());
        mvc.perform(get("/messageexchange/" + TRUST).header("Authorization", token))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errorDescription").value("Error Duplicated Authentication Token"));
        mvc.perform(get("/messageexchange/" + TRUST)
                        .header("Authorization", MeshTokens.token(TRUST, nonce, "2", now, MeshTokens.PASSWORD)))
                .andExpect(status().isOk());
    }

    @Test
    void tokenForAnotherMailboxOrAnUnknownMailboxIsForbidden() throws Exception {
        mvc.perform(get("/messageexchange/" + GP + "/inbox").header("Authorization", MeshTokens.token(TRUST)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errorDescription").value("Mailbox id does not match token"));
        mvc.perform(get("/messageexchange/X26XX001").header("Authorization", MeshTokens.token("X26XX001")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.errorDescription").value("No mailbox matched"));
    }

    // ------------------------------------------------------------------ messages

    @Test
    void sentMessageReachesTheGpInboxDownloadsAndIsAcknowledged() throws Exception {
        String messageId = send(GP, "local-1", SUMMARY);

        assertThat(inbox(GP)).containsExactly(messageId);
        assertThat(inbox(TRUST)).isEmpty();

        mvc.perform(get("/messageexchange/" + GP + "/inbox/" + messageId).header("Authorization", MeshTokens.token(GP)))
                .andExpect(status().isOk())
                .andExpect(content().bytes(SUMMARY.getBytes(StandardCharsets.UTF_8)))
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("application/fhir+json")))
                .andExpect(header().string("Mex-MessageID", messageId))
                .andExpect(header().string("Mex-From", TRUST))
                .andExpect(header().string("Mex-To", GP))
                .andExpect(header().string("Mex-WorkflowID", DISCHARGE))
                .andExpect(header().string("Mex-LocalID", "local-1"))
                .andExpect(header().string("Mex-Subject", "Discharge summary"))
                .andExpect(header().string("Mex-MessageType", "DATA"))
                .andExpect(header().string("Mex-StatusSuccess", "SUCCESS"));

        mvc.perform(put("/messageexchange/" + GP + "/inbox/" + messageId + "/status/acknowledged")
                        .header("Authorization", MeshTokens.token(GP)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.messageId").value(messageId));

        assertThat(inbox(GP)).isEmpty();
        assertThat(store.find(messageId)).get().extracting(MeshMessage::status)
                .isEqualTo(MeshMessage.Status.ACKNOWLEDGED);
        mvc.perform(get("/messageexchange/" + TRUST + "/outbox/tracking").param("localID", "local-1")
                        .header("Authorization", MeshTokens.token(TRUST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.messageId").value(messageId))
                .andExpect(jsonPath("$.status").value("Acknowledged"));
    }

    @Test
    void onlyTheRecipientMayDownloadOrAcknowledge() throws Exception {
        String messageId = send(GP, "local-2", SUMMARY);
        mvc.perform(get("/messageexchange/B82005OT001/inbox/" + messageId)
                        .header("Authorization", MeshTokens.token("B82005OT001")))
                .andExpect(status().isForbidden());
        mvc.perform(put("/messageexchange/" + TRUST + "/inbox/" + messageId + "/status/acknowledged")
                        .header("Authorization", MeshTokens.token(TRUST)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/messageexchange/" + GP + "/inbox/20250101000000000000_ABCDEF")
                        .header("Authorization", MeshTokens.token(GP)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.errorCode").value("20"));
    }

    @Test
    void resendWithTheSameLocalIdGetsTheSameMessageAndIsNotStoredTwice() throws Exception {
        String first = send(GP, "discharge-42", SUMMARY);
        String again = send(GP, "discharge-42", SUMMARY);
        String other = send(GP, "discharge-43", SUMMARY);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(inbox(GP)).containsExactly(first, other);
        assertThat(store.counts().delivered()).isEqualTo(2);
    }

    @Test
    void missingMexHeadersAreRefusedInMeshStyle() throws Exception {
        mvc.perform(post("/messageexchange/" + TRUST + "/outbox").header("Authorization", MeshTokens.token(TRUST))
                        .header("Mex-WorkflowID", DISCHARGE).content(SUMMARY))
                .andExpect(status().isExpectationFailed())
                .andExpect(jsonPath("$.errorEvent").value("SEND"))
                .andExpect(jsonPath("$.errorCode").value("08"))
                .andExpect(jsonPath("$.errorDescription").value(org.hamcrest.Matchers.containsString("Mex-To")));
        mvc.perform(post("/messageexchange/" + TRUST + "/outbox").header("Authorization", MeshTokens.token(TRUST))
                        .header("Mex-To", GP).content(SUMMARY))
                .andExpect(status().isExpectationFailed())
                .andExpect(jsonPath("$.errorCode").exists())
                .andExpect(jsonPath("$.errorDescription").value(org.hamcrest.Matchers.containsString("Mex-WorkflowID")));
        mvc.perform(post("/messageexchange/" + TRUST + "/outbox").header("Authorization", MeshTokens.token(TRUST))
                        .header("Mex-To", GP).header("Mex-WorkflowID", DISCHARGE).header("Mex-From", GP)
                        .content(SUMMARY))
                .andExpect(status().isExpectationFailed())
                .andExpect(jsonPath("$.errorCode").value("07"));
        assertThat(store.counts().delivered()).isZero();
    }

    @Test
    void endpointLookupFindsThePracticeMailbox() throws Exception {
        mvc.perform(get("/messageexchange/endpointlookup/A81001/" + DISCHARGE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(1))
                .andExpect(jsonPath("$.results[0].address").value(GP))
                .andExpect(jsonPath("$.results[0].endpoint_type").value("MESH"))
                .andExpect(jsonPath("$.results[0].description").isNotEmpty());
        mvc.perform(get("/messageexchange/endpointlookup/Z99999/" + DISCHARGE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(0));
    }

    @Test
    void endpointLookupAnswers503UnderALookupFault() throws Exception {
        faults.set("gp", "lookup-503", 1, null);
        mvc.perform(get("/messageexchange/endpointlookup/A81001/" + DISCHARGE))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.errorEvent").value("LOOKUP"));
        mvc.perform(get("/messageexchange/endpointlookup/A81001/" + DISCHARGE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].address").value(GP));
    }

    @Test
    void messageForAnUnknownMailboxIsAcceptedThenReportedToTheSender() throws Exception {
        String messageId = send("X99999OT001", "local-lost", SUMMARY);

        assertThat(inbox("A81001OT001")).isEmpty();
        var reports = inbox(TRUST);
        assertThat(reports).hasSize(1);
        String reportId = reports.get(0);
        mvc.perform(get("/messageexchange/" + TRUST + "/inbox/" + reportId).header("Authorization", MeshTokens.token(TRUST)))
                .andExpect(status().isOk())
                .andExpect(header().string("Mex-MessageType", "REPORT"))
                .andExpect(header().string("Mex-StatusSuccess", "ERROR"))
                .andExpect(header().string("Mex-StatusCode", "EPL-151"))
                .andExpect(header().string("Mex-StatusEvent", "SEND"))
                .andExpect(header().string("Mex-LinkedMsgID", messageId))
                .andExpect(header().string("Mex-LocalID", "local-lost"))
                .andExpect(header().string("Mex-WorkflowID", DISCHARGE));
        mvc.perform(get("/messageexchange/" + TRUST + "/outbox/tracking").param("messageID", messageId)
                        .header("Authorization", MeshTokens.token(TRUST)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("Undeliverable"))
                .andExpect(jsonPath("$.statusCode").value("EPL-151"));
    }

    // ------------------------------------------------------------------ faults

    @Test
    void http500FaultFailsTheNextSendsThenClears() throws Exception {
        faults.set("gp", "http-500", 2, null);

        mvc.perform(outbox(GP, "retry-1", SUMMARY)).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.errorDescription").value(org.hamcrest.Matchers.startsWith("Sandbox fault")));
        mvc.perform(outbox(GP, "retry-1", SUMMARY)).andExpect(status().isInternalServerError());
        assertThat(store.counts().delivered()).isZero();
        String id = send(GP, "retry-1", SUMMARY);

        assertThat(inbox(GP)).containsExactly(id);
        assertThat(faults.current()).isEmpty();
    }

    @Test
    void lostAnswerThenResendStillGivesTheReceiverOneMessage() throws Exception {
        faults.set("gp", "http-500-after-store", 1, null);

        mvc.perform(outbox(GP, "lost-answer", SUMMARY)).andExpect(status().isInternalServerError());
        String id = send(GP, "lost-answer", SUMMARY);

        assertThat(inbox(GP)).containsExactly(id);
    }

    @Test
    void hangFaultHoldsTheRequestThenAnswers() throws Exception {
        faults.set("gp", "hang", 1, null);
        long started = System.nanoTime();
        send(GP, "slow", SUMMARY);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    // ------------------------------------------------------------------ helpers

    private MockHttpServletRequestBuilder outbox(String to, String localId, String body) {
        return post("/messageexchange/" + TRUST + "/outbox")
                .header("Authorization", MeshTokens.token(TRUST))
                .header("Mex-From", TRUST)
                .header("Mex-To", to)
                .header("Mex-WorkflowID", DISCHARGE)
                .header("Mex-Subject", "Discharge summary")
                .header("Mex-LocalID", localId)
                .header("Mex-FileName", localId + ".json")
                .contentType("application/fhir+json")
                .content(body.getBytes(StandardCharsets.UTF_8));
    }

    private String send(String to, String localId, String body) throws Exception {
        MvcResult result = mvc.perform(outbox(to, localId, body))
                .andExpect(status().isAccepted())
                .andReturn();
        JsonNode answer = json.readTree(result.getResponse().getContentAsString());
        assertThat(answer.path("messageID").asText()).matches("\\d{20}_[0-9A-F]{6}");
        return answer.get("messageID").asText();
    }

    private java.util.List<String> inbox(String mailbox) throws Exception {
        MvcResult result = mvc.perform(get("/messageexchange/" + mailbox + "/inbox")
                        .header("Authorization", MeshTokens.token(mailbox)))
                .andExpect(status().isOk())
                .andReturn();
        JsonNode messages = json.readTree(result.getResponse().getContentAsString()).get("messages");
        java.util.List<String> ids = new java.util.ArrayList<>();
        messages.forEach(node -> ids.add(node.asText()));
        return ids;
    }
}
