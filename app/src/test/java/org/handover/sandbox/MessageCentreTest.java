package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.handover.sandbox.ShortMessage.Direction;
import org.handover.sandbox.SmppText.DefaultAlphabet;
import org.handover.support.TestDatabase;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMPP message centre, driven by real jSMPP client sessions over TCP, as Handover's Camel routes drive it. */
class MessageCentreTest {

    private static final String SYSTEM_ID = "handover";
    private static final String PASSWORD = "smpp-pw1";
    private static final String PATIENT = "447700900123";
    private static final String PATIENT_E164 = "+447700900123";

    private static DataSource dataSource;
    private SmsStore store;
    private Faults faults;
    private MessageCentre centre;
    private final List<SMPPSession> clients = new ArrayList<>();

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated();
    }

    @BeforeEach
    void start() {
        store = new SmsStore(dataSource);
        store.deleteAll();
        faults = new Faults(Duration.ofMillis(100), Clock.systemUTC());
        centre = new MessageCentre("127.0.0.1", 0, SYSTEM_ID, PASSWORD, "NHSTrust", DefaultAlphabet.GSM,
                Duration.ofMillis(100), Duration.ofMillis(300), store, faults, Clock.systemUTC());
        centre.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(SMPPSession::unbindAndClose);
        centre.stop();
    }

    @Test
    void bindWithTheWrongPasswordOrSystemIdIsRefused() {
        assertThatThrownBy(() -> bind(BindType.BIND_TRX, SYSTEM_ID, "wrong", null))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> bind(BindType.BIND_TRX, "someone-else", PASSWORD, null))
                .isInstanceOf(IOException.class);
        assertThat(centre.boundSessions()).isEmpty();
    }

    @Test
    void gsmTextIsDecodedAndKeptAsWhatThePhoneReceived() throws Exception {
        SMPPSession transmitter = bind(BindType.BIND_TX, SYSTEM_ID, PASSWORD, null);
        // "Reply @ £5 {1}€" in GSM 03.38 septets, written out by hand.
        byte[] septets = {0x52, 0x65, 0x70, 0x6C, 0x79, 0x20, 0x00, 0x20, 0x01, 0x35, 0x20, 0x1B, 0x28, 0x31, 0x1B,
                0x29, 0x1B, 0x65};

        String id = submit(transmitter, septets, (byte) 0x00, new RegisteredDelivery(0));

        ShortMessage kept = store.find(id).orElseThrow();
        assertThat(kept.direction()).isEqualTo(Direction.MT);
        assertThat(kept.phone()).isEqualTo(PATIENT_E164);
        assertThat(kept.shortCode()).isEqualTo("NHSTrust");
        assertThat(kept.text()).isEqualTo("Reply @ £5 {1}€");
        assertThat(kept.receiptRequested()).isFalse();
    }

    @Test
    void ucs2TextIsDecoded() throws Exception {
        SMPPSession transmitter = bind(BindType.BIND_TX, SYSTEM_ID, PASSWORD, null);
        String text = "Dziękujemy! Jak oceniasz naszą opiekę? 😀";

        String id = submit(transmitter, text.getBytes(StandardCharsets.UTF_16BE), (byte) 0x08,
                new RegisteredDelivery(0));

        assertThat(store.find(id).orElseThrow().text()).isEqualTo(text);
        assertThat(store.find(id).orElseThrow().dataCoding()).isEqualTo(8);
    }

    @Test
    void deliveryReceiptArrivesOnTheReceiverSession() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        bind(BindType.BIND_RX, SYSTEM_ID, PASSWORD, received);
        SMPPSession transmitter = bind(BindType.BIND_TX, SYSTEM_ID, PASSWORD, null);

        String id = submit(transmitter, GsmAlphabet.encode("Overall, how was your experience of our service?"),
                (byte) 0, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE));

        DeliverSm deliverSm = received.poll(5, TimeUnit.SECONDS);
        assertThat(deliverSm).as("delivery receipt").isNotNull();
        assertThat(deliverSm.isSmscDeliveryReceipt()).isTrue();
        DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
        assertThat(receipt.getId()).isEqualTo(id);
        assertThat(receipt.getFinalStatus()).isEqualTo(DeliveryReceiptState.DELIVRD);
        assertThat(receipt.getDelivered()).isEqualTo(1);
        assertThat(new String(deliverSm.getShortMessage(), StandardCharsets.US_ASCII))
                .startsWith("id:" + id + " sub:001 dlvrd:001 submit date:").contains(" stat:DELIVRD err:000");
        assertThat(deliverSm.getSourceAddr()).isEqualTo(PATIENT);
        assertThat(deliverSm.getDestAddress()).isEqualTo("NHSTrust");
        assertThat(((OptionalParameter.COctetString) deliverSm.getOptionalParameter(
                OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString()).isEqualTo(id);
        await(() -> store.find(id).orElseThrow().state() == ShortMessage.State.RECEIPT_SENT);
    }

    @Test
    void receiptIsKeptUntilAReceiverBinds() throws Exception {
        SMPPSession transmitter = bind(BindType.BIND_TX, SYSTEM_ID, PASSWORD, null);
        String id = submit(transmitter, GsmAlphabet.encode("Thank you"), (byte) 0,
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE));
        Thread.sleep(400);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(ShortMessage.State.RECEIPT_PENDING);

        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        bind(BindType.BIND_RX, SYSTEM_ID, PASSWORD, received);

        DeliverSm receipt = received.poll(5, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.getShortMessageAsDeliveryReceipt().getId()).isEqualTo(id);
    }

    @Test
    void patientReplyArrivesAsDeliverSmFromThePatientToTheShortCode() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        bind(BindType.BIND_TRX, SYSTEM_ID, PASSWORD, received);

        String id = centre.queueReply(PATIENT_E164, "2 @ home");

        DeliverSm reply = received.poll(5, TimeUnit.SECONDS);
        assertThat(reply).as("reply").isNotNull();
        assertThat(reply.isSmscDeliveryReceipt()).isFalse();
        assertThat(reply.getSourceAddr()).isEqualTo(PATIENT);
        assertThat(reply.getSourceAddrTon()).isEqualTo(TypeOfNumber.INTERNATIONAL.value());
        assertThat(reply.getDestAddress()).isEqualTo("NHSTrust");
        assertThat(reply.getDataCoding()).isEqualTo((byte) 0);
        assertThat(GsmAlphabet.decode(reply.getShortMessage()).text()).isEqualTo("2 @ home");
        await(() -> store.find(id).orElseThrow().state() == ShortMessage.State.DELIVERED);
    }

    @Test
    void replyTypedWhileNoReceiverIsBoundWaitsForOne() throws Exception {
        bind(BindType.BIND_TX, SYSTEM_ID, PASSWORD, null);
        String id = centre.queueReply(PATIENT_E164, "Ochrona zdrowia: bardzo dobrze");
        Thread.sleep(400);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(ShortMessage.State.QUEUED);

        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        bind(BindType.BIND_RX, SYSTEM_ID, PASSWORD, received);

        DeliverSm reply = received.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.getDataCoding()).isEqualTo((byte) 0);
        assertThat(GsmAlphabet.decode(reply.getShortMessage()).text()).isEqualTo("Ochrona zdrowia: bardzo dobrze");
        String polish = centre.queueReply(PATIENT_E164, "Dziękuję");
        DeliverSm ucs2 = received.poll(5, TimeUnit.SECONDS);
        assertThat(ucs2).isNotNull();
        assertThat(ucs2.getDataCoding()).isEqualTo((byte) 8);
        assertThat(new String(ucs2.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("Dziękuję");
        await(() -> store.find(polish).orElseThrow().state() == ShortMessage.State.DELIVERED);
    }

    @Test
    void queuedReplySurvivesARestartOfTheMessageCentre() throws Exception {
        String id = centre.queueReply(PATIENT_E164, "3");
        centre.stop();
        centre = new MessageCentre("127.0.0.1", 0, SYSTEM_ID, PASSWORD, "NHSTrust", DefaultAlphabet.GSM,
                Duration.ofMillis(100), Duration.ofMillis(300), store, faults, Clock.systemUTC());
        centre.start();

        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        bind(BindType.BIND_TRX, SYSTEM_ID, PASSWORD, received);

        DeliverSm reply = received.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(GsmAlphabet.decode(reply.getShortMessage()).text()).isEqualTo("3");
        await(() -> store.find(id).orElseThrow().state() == ShortMessage.State.DELIVERED);
    }

    @Test
    void refusedReplyIsRetried() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        int[] refusals = {1};
        bind(BindType.BIND_RX, SYSTEM_ID, PASSWORD, received, refusals);

        String id = centre.queueReply(PATIENT_E164, "1");

        DeliverSm reply = received.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        await(() -> store.find(id).orElseThrow().state() == ShortMessage.State.DELIVERED);
        assertThat(store.find(id).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void repliesGoSeveralAtOnceButEachPhonesInTheOrderTyped() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostOutstanding = new java.util.concurrent.atomic.AtomicInteger();
        bind(BindType.BIND_RX, SYSTEM_ID, PASSWORD, received, new int[] {0}, () -> {
            mostOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            Thread.sleep(30);
            outstanding.decrementAndGet();
        });
        List<String> phones = List.of("+447700900001", "+447700900002", "+447700900003", "+447700900004");
        for (int n = 1; n <= 5; n++) {
            for (String phone : phones) {
                centre.queueReply(phone, phone.substring(phone.length() - 1) + "-" + n);
            }
        }

        List<String> texts = new ArrayList<>();
        while (texts.size() < 20) {
            DeliverSm reply = received.poll(5, TimeUnit.SECONDS);
            assertThat(reply).as("reply " + (texts.size() + 1)).isNotNull();
            texts.add(GsmAlphabet.decode(reply.getShortMessage()).text());
        }
        for (String phone : phones) {
            String tail = phone.substring(phone.length() - 1);
            assertThat(texts.stream().filter(text -> text.startsWith(tail + "-")).toList())
                    .containsExactly(tail + "-1", tail + "-2", tail + "-3", tail + "-4", tail + "-5");
        }
        assertThat(mostOutstanding.get()).as("replies of different phones outstanding at once").isGreaterThan(1);
    }

    @Test
    void concatenatedPartsShowAsOneText() throws Exception {
        SMPPSession transmitter = bind(BindType.BIND_TX, SYSTEM_ID, PASSWORD, null);
        submit(transmitter, withHeader(0x11, 2, 2, " second half."), (byte) 0, new ESMClass(0x40),
                new RegisteredDelivery(0));
        submit(transmitter, withHeader(0x11, 2, 1, "First half,"), (byte) 0, new ESMClass(0x40),
                new RegisteredDelivery(0));

        var phones = SandboxViews.phones(store.recent(100));

        assertThat(phones).hasSize(1);
        assertThat(phones.get(0).texts()).hasSize(1);
        assertThat(phones.get(0).texts().get(0).text()).isEqualTo("First half, second half.");
        assertThat(phones.get(0).texts().get(0).partsReceived()).isEqualTo(2);
    }

    @Test
    void faultsRefuseSubmitsWithSmppErrorsAndUndeliverableReceipts() throws Exception {
        BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
        SMPPSession transceiver = bind(BindType.BIND_TRX, SYSTEM_ID, PASSWORD, received);
        faults.set("sms", "smpp-throttled", 1, null);

        assertThatThrownBy(() -> submit(transceiver, GsmAlphabet.encode("x"), (byte) 0, new RegisteredDelivery(0)))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x58));

        faults.set("sms", "receipt-undeliverable", 1, null);
        String id = submit(transceiver, GsmAlphabet.encode("y"), (byte) 0,
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE));
        DeliverSm receipt = received.poll(5, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.getShortMessageAsDeliveryReceipt().getId()).isEqualTo(id);
        assertThat(receipt.getShortMessageAsDeliveryReceipt().getFinalStatus()).isEqualTo(DeliveryReceiptState.UNDELIV);
    }

    /**
     * Fault 4 of ops/faults/inject.sh, small: a submit the message centre holds past the client's response timer and
     * then takes is stored once and answered (late) while its session is bound; the client's resend would be a
     * second copy, which is why Handover's timer must outlast such a hold.
     */
    @Test
    void aSubmitHeldPastTheClientsTimerIsStillTakenOnceWhileItsSessionLasts() throws Exception {
        submitHeldPastTheClientsTimer("held");

        await(() -> store.counts().textsReceived() == 1);
        assertThat(store.recent(10)).extracting(ShortMessage::text).containsExactly("held");
        assertThat(centre.droppedWithTheirSession()).isZero();
    }

    /** A submit still queued or held when its ESME unbinds is never stored: nobody could be told it was taken. */
    @Test
    void aSubmitTakenAfterItsSessionEndedIsNotStored() throws Exception {
        submitHeldPastTheClientsTimer("gone").unbindAndClose();

        await(() -> centre.droppedWithTheirSession() == 1);
        assertThat(store.counts().textsReceived()).isZero();
    }

    // ------------------------------------------------------------------ helpers

    /** A submit the message centre holds for 1 s, on a transmitter that gives up after 0.2 s; the transmitter. */
    private SMPPSession submitHeldPastTheClientsTimer(String text) throws Exception {
        SMPPSession transmitter = bind(BindType.BIND_TX, SYSTEM_ID, PASSWORD, null);
        transmitter.setTransactionTimer(200);
        faults.set("sms", "hang", 1, 1);
        assertThatThrownBy(() -> submit(transmitter, GsmAlphabet.encode(text), (byte) 0, new RegisteredDelivery(0)))
                .isInstanceOf(ResponseTimeoutException.class);
        return transmitter;
    }

    private SMPPSession bind(BindType type, String systemId, String password, BlockingQueue<DeliverSm> received)
            throws IOException {
        return bind(type, systemId, password, received, new int[] {0});
    }

    /** What the test's receiver does before answering a deliver_sm. */
    private interface BeforeAnswer {
        void run() throws InterruptedException;
    }

    private SMPPSession bind(BindType type, String systemId, String password, BlockingQueue<DeliverSm> received,
            int[] refusals) throws IOException {
        return bind(type, systemId, password, received, refusals, () -> {
        });
    }

    private SMPPSession bind(BindType type, String systemId, String password, BlockingQueue<DeliverSm> received,
            int[] refusals, BeforeAnswer beforeAnswer) throws IOException {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(5_000);
        if (received != null) {
            session.setMessageReceiverListener(new MessageReceiverListener() {
                @Override
                public void onAcceptDeliverSm(DeliverSm deliverSm) throws org.jsmpp.extra.ProcessRequestException {
                    if (refusals[0] > 0) {
                        refusals[0]--;
                        throw new org.jsmpp.extra.ProcessRequestException("not now", 0x08);
                    }
                    try {
                        beforeAnswer.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
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
        }
        session.connectAndBind("127.0.0.1", centre.port(), new BindParameter(type, systemId, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
        clients.add(session);
        return session;
    }

    private String submit(SMPPSession session, byte[] message, byte dataCoding, RegisteredDelivery delivery)
            throws Exception {
        return submit(session, message, dataCoding, new ESMClass(), delivery);
    }

    private String submit(SMPPSession session, byte[] message, byte dataCoding, ESMClass esmClass,
            RegisteredDelivery delivery) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "NHSTrust",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, PATIENT, esmClass, (byte) 0, (byte) 1,
                null, null, delivery, (byte) 0, DataCodings.newInstance(dataCoding), (byte) 0, message)
                .getMessageId();
    }

    private static byte[] withHeader(int reference, int total, int part, String text) {
        byte[] septets = GsmAlphabet.encode(text);
        byte[] out = new byte[6 + septets.length];
        System.arraycopy(new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) part}, 0, out, 0, 6);
        System.arraycopy(septets, 0, out, 6, septets.length);
        return out;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
