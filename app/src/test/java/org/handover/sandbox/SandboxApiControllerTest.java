package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.handover.sandbox.SmppText.DefaultAlphabet;
import org.handover.support.TestDatabase;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The sandbox JSON API over real stores and a real message centre; replies checked on a real SMPP receiver. */
class SandboxApiControllerTest {

    private static DataSource dataSource;
    private MeshStore meshStore;
    private CouncilMailStore mailStore;
    private SmsStore smsStore;
    private MeshPostOffice postOffice;
    private MeshMailboxes mailboxes;
    private MessageCentre centre;
    private MockMvc mvc;
    private SMPPSession receiver;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated();
    }

    @BeforeEach
    void setUp() {
        meshStore = new MeshStore(dataSource);
        mailStore = new CouncilMailStore(dataSource);
        smsStore = new SmsStore(dataSource);
        meshStore.deleteAll();
        mailStore.deleteAll();
        smsStore.deleteAll();
        mailboxes = new MeshMailboxes("RX1OT001");
        postOffice = new MeshPostOffice(meshStore, mailboxes, Clock.systemUTC());
        Faults faults = new Faults(Duration.ofSeconds(1), Clock.systemUTC());
        centre = new MessageCentre("127.0.0.1", 0, "handover", "pw", "NHSTrust", DefaultAlphabet.GSM,
                Duration.ofMillis(50), Duration.ofMillis(300), smsStore, faults, Clock.systemUTC());
        centre.start();
        mvc = MockMvcBuilders.standaloneSetup(new SandboxApiController(mailboxes, meshStore, postOffice, mailStore,
                        smsStore, centre, new PatientPhones(centre, new NotifySimulator(NotifySimulatorTest.API_KEY,
                                NotifySimulatorTest.TEMPLATE_ID, "NHSTrust", 3000, "http://127.0.0.1:1", "token",
                                Duration.ofMillis(50), Duration.ofMillis(300), smsStore, faults, Clock.systemUTC()),
                                "smpp"), faults, new GpItkResponder(postOffice, meshStore, mailboxes, Clock.systemUTC())))
                .setControllerAdvice(new SandboxApiErrors())
                .build();
    }

    @AfterEach
    void tearDown() {
        if (receiver != null) {
            receiver.unbindAndClose();
        }
        centre.stop();
    }

    @Test
    void replyTypedThroughTheApiArrivesAsDeliverSm() throws Exception {
        BlockingQueue<DeliverSm> received = bindReceiver();

        mvc.perform(post("/sandbox/api/replies").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"07700 900123\",\"text\":\"2\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").isNotEmpty())
                .andExpect(jsonPath("$.from").value("+447700900123"))
                .andExpect(jsonPath("$.receiverBound").value(true));

        DeliverSm reply = received.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.getSourceAddr()).isEqualTo("447700900123");
        assertThat(reply.getDestAddress()).isEqualTo("NHSTrust");
        assertThat(new String(reply.getShortMessage(), StandardCharsets.US_ASCII)).isEqualTo("2");

        mvc.perform(post("/sandbox/api/phones/+447700900456/replies").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"STOP\"}"))
                .andExpect(status().isAccepted());
        assertThat(received.poll(5, TimeUnit.SECONDS)).isNotNull();

        mvc.perform(get("/sandbox/api/phones"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].number").value("+447700900456"))
                .andExpect(jsonPath("$[0].replies[0].text").value("STOP"))
                .andExpect(jsonPath("$[1].replies[0].text").value("2"));
    }

    @Test
    void badRepliesAreRefusedWithAClearMessage() throws Exception {
        mvc.perform(post("/sandbox/api/replies").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"2\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("'from' is required")));
        mvc.perform(post("/sandbox/api/replies").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"not a number\",\"text\":\"2\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("not a mobile number")));
        mvc.perform(post("/sandbox/api/replies").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"+447700900123\",\"text\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("'text' is required")));
        mvc.perform(post("/sandbox/api/replies").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"from\":\"+447700900123\",\"text\":\"" + "x".repeat(1001) + "\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/sandbox/api/replies").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").isNotEmpty());
        assertThat(smsStore.counts().repliesSent()).isZero();
    }

    @Test
    void faultsAreSetValidatedAndListed() throws Exception {
        mvc.perform(post("/sandbox/api/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"gp\",\"mode\":\"http-500\",\"count\":3}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].channel").value("gp"))
                .andExpect(jsonPath("$[0].mode").value("http-500"))
                .andExpect(jsonPath("$[0].remaining").value(3));
        mvc.perform(post("/sandbox/api/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"sms\",\"mode\":\"smtp-451\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("smpp-throttled")));
        mvc.perform(post("/sandbox/api/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"fax\",\"mode\":\"none\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("unknown channel")));
        mvc.perform(post("/sandbox/api/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"gp\",\"mode\":\"hang\",\"count\":0}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/sandbox/api/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"gp\",\"mode\":\"none\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void gpMailboxesCouncilMailAndSummaryShowWhatArrived() throws Exception {
        var sent = postOffice.send(mailboxes.trust(), new MeshPostOffice.Outgoing("A81001OT001", "TOC_FHIR_IP_DISCH",
                "Discharge summary", "local-9", "local-9.json", "application/fhir+json", null, null, false, false),
                "{\"resourceType\":\"Bundle\"}".getBytes(StandardCharsets.UTF_8));
        postOffice.send(mailboxes.trust(), new MeshPostOffice.Outgoing("NOWHERE01", "TOC_FHIR_IP_DISCH", null,
                "local-10", null, null, null, null, false, false), new byte[] {1});
        mailStore.insert(new ReceivedMail("m1", "<a@handover>", "handover@trust.nhs.invalid",
                "duty@stockport.gov.uk.invalid", "Pathway 1", "Assess please", java.util.List.of(), Instant.now()),
                new byte[0]);

        mvc.perform(get("/sandbox/api/gp-mailboxes"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].mailbox").value("RX1OT001"))
                .andExpect(jsonPath("$[0].messages[0].type").value("REPORT"))
                .andExpect(jsonPath("$[0].messages[0].statusCode").value("EPL-151"))
                .andExpect(jsonPath("$[1].mailbox").value("A81001OT001"))
                .andExpect(jsonPath("$[1].messages[0].id").value(sent.messageId()))
                .andExpect(jsonPath("$[1].messages[0].from").value("RX1OT001"))
                .andExpect(jsonPath("$[1].messages[0].workflowId").value("TOC_FHIR_IP_DISCH"))
                .andExpect(jsonPath("$[1].messages[0].subject").value("Discharge summary"))
                .andExpect(jsonPath("$[1].messages[0].localId").value("local-9"))
                .andExpect(jsonPath("$[1].messages[0].acknowledged").value(false))
                .andExpect(jsonPath("$[1].messages[0].body").value("{\"resourceType\":\"Bundle\"}"))
                .andExpect(jsonPath("$[1].messages[0].receivedAt").isNotEmpty());

        mvc.perform(post("/sandbox/api/gp-mailboxes/A81001OT001/messages/" + sent.messageId() + "/acknowledge"))
                .andExpect(status().isOk());
        mvc.perform(post("/sandbox/api/gp-mailboxes/A81001OT001/messages/NOPE/acknowledge"))
                .andExpect(status().isNotFound());

        mvc.perform(get("/sandbox/api/council-mail"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].to").value("duty@stockport.gov.uk.invalid"))
                .andExpect(jsonPath("$[0].council").value("LA-STOCKPORT"))
                .andExpect(jsonPath("$[0].messageId").value("<a@handover>"))
                .andExpect(jsonPath("$[0].subject").value("Pathway 1"))
                .andExpect(jsonPath("$[0].body").value("Assess please"));

        mvc.perform(get("/sandbox/api/summary"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.gpMessages").value(1))
                .andExpect(jsonPath("$.gpMessagesUnacknowledged").value(0))
                .andExpect(jsonPath("$.meshUndeliverable").value(1))
                .andExpect(jsonPath("$.meshReports").value(1))
                .andExpect(jsonPath("$.councilMails").value(1))
                .andExpect(jsonPath("$.textsReceived").value(0))
                .andExpect(jsonPath("$.smppSessions.length()").value(0));

        mvc.perform(get("/sandbox/api/gp-mailboxes").param("limit", "0")).andExpect(status().isBadRequest());
    }

    private BlockingQueue<DeliverSm> bindReceiver() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        receiver = new SMPPSession();
        receiver.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                received.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) {
                return null;
            }
        });
        receiver.connectAndBind("127.0.0.1", centre.port(), new BindParameter(BindType.BIND_RX, "handover", "pw", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        return received;
    }
}
