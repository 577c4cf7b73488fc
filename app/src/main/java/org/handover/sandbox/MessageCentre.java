package org.handover.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.handover.domain.Masking;
import org.handover.routes.delivery.Channel;
import org.handover.sandbox.Faults.Fault;
import org.handover.sandbox.ShortMessage.Direction;
import org.handover.sandbox.ShortMessage.State;
import org.handover.sandbox.SmppText.DefaultAlphabet;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameter.Tag;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.AbsoluteTimeFormatter;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The patients' mobile network: an SMPP v3.4 message centre (jSMPP server side) on {@code handover.smpp.port},
 * loopback only. Handover binds with {@code handover.smpp.system-id}/{@code password}; submit_sm is decoded (GSM 03.38
 * default alphabet, UCS-2 and the other SMPP data codings, concatenated parts) and kept as what the phone received.
 * When registered_delivery asks for it, a delivery receipt ({@code id:... stat:DELIVRD ...}, esm_class "SMSC delivery
 * receipt") goes back as deliver_sm to a bound receiver or transceiver session; patients' replies typed on the sandbox
 * page go the same way, from the patient's number to the trust's short code. Receipts and replies owed while no
 * receiver is bound (or that Handover refuses) wait in the database and go when one binds, retried every
 * {@code handover.sandbox.redelivery-interval}. Runs on its own threads and starts and stops with the Spring context.
 */
class MessageCentre implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MessageCentre.class);

    static final String SMSC_SYSTEM_ID = "HandoverSandbox";
    static final int MAX_REPLY_LENGTH = 1000;
    private static final int MAX_SHORT_MESSAGE_OCTETS = 254;
    private static final int MAX_STORED_TEXT = 8000;
    private static final int MAX_ATTEMPTS = 100;
    private static final long BIND_TIMEOUT_MILLIS = 10_000;
    private static final long TRANSACTION_TIMER_MILLIS = 10_000;
    /** Receipts and replies outstanding at once (deliver_sm sent, deliver_sm_resp awaited), as a real SMSC's window. */
    private static final int WINDOW = 8;
    private static final int DUE_BATCH = 200;
    /** A hand-over round already scheduled this much before a message falls due still serves it. */
    private static final long SCHEDULING_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A bound ESME session. */
    record Bound(String sessionId, SMPPServerSession session, BindType bindType, String systemId, Instant boundAt) {
    }

    private final String bindAddress;
    private final int port;
    private final String systemId;
    private final String password;
    private final String sourceAddress;
    private final DefaultAlphabet defaultAlphabet;
    private final Duration receiptDelay;
    private final Duration redeliveryInterval;
    private final SmsStore store;
    private final Faults faults;
    private final Clock clock;
    private final Map<String, Bound> sessions = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile int boundPort;
    private SMPPServerSessionListener listener;
    private Thread acceptor;
    private ExecutorService binders;
    private ScheduledExecutorService delivery;
    private ExecutorService window;
    /** Submits taken from a session's queue after the session ended, and so not stored (see the Receiver). */
    private final AtomicInteger droppedWithTheirSession = new AtomicInteger();
    /** System.nanoTime() of the next hand-over round scheduled, 0 when none. */
    private final AtomicLong nextRoundAt = new AtomicLong();


    MessageCentre(String bindAddress, int port, String systemId, String password, String sourceAddress,
            DefaultAlphabet defaultAlphabet, Duration receiptDelay, Duration redeliveryInterval, SmsStore store,
            Faults faults, Clock clock) {
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("handover.smpp.password must be set for the SMPP message centre simulator");
        }
        // SMPP 3.4 fields are C-octet strings: system_id up to 15 characters, password up to 8.
        if (password.length() > 8) {
            throw new IllegalStateException("handover.smpp.password must be at most 8 characters (SMPP 3.4 limit)");
        }
        if (systemId == null || systemId.isBlank() || systemId.length() > 15) {
            throw new IllegalStateException("handover.smpp.system-id must be 1 to 15 characters (SMPP 3.4 limit)");
        }
        this.bindAddress = bindAddress;
        this.port = port;
        this.systemId = systemId;
        this.password = password;
        this.sourceAddress = sourceAddress;
        this.defaultAlphabet = defaultAlphabet;
        this.receiptDelay = receiptDelay;
        this.redeliveryInterval = redeliveryInterval;
        this.store = store;
        this.faults = faults;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bindAddress, port), 50);
            boundPort = socket.getLocalPort();
            listener = new SMPPServerSessionListener(boundPort, new BoundSocket(socket));
        } catch (IOException e) {
            throw new IllegalStateException("SMPP message centre could not listen on " + bindAddress + ":" + port, e);
        }
        listener.setPduProcessorDegree(4);
        listener.setMessageReceiverListener(new Receiver());
        listener.setResponseDeliveryListener(new ServerResponseDeliveryAdapter() {
            @Override
            public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
                scheduleDelivery(receiptDelay.plusNanos(SCHEDULING_SLACK_NANOS));
            }
        });
        listener.setSessionStateListener(this::sessionStateChanged);
        binders = Executors.newCachedThreadPool(named("sandbox-smsc-bind"));
        delivery = Executors.newSingleThreadScheduledExecutor(named("sandbox-smsc-deliver"));
        window = Executors.newFixedThreadPool(WINDOW, named("sandbox-smsc-window"));
        running = true;
        delivery.scheduleWithFixedDelay(this::deliverDue, redeliveryInterval.toMillis(), redeliveryInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        acceptor = named("sandbox-smsc-accept").newThread(this::acceptSessions);
        acceptor.start();
        log.info("Sandbox SMPP message centre listening on {}:{} (data_coding 0 read as {})", bindAddress, boundPort,
                defaultAlphabet);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("Closing the SMPP listener: {}", e.getMessage());
        }
        for (Bound bound : List.copyOf(sessions.values())) {
            bound.session().unbindAndClose();
        }
        sessions.clear();
        delivery.shutdownNow();
        window.shutdownNow();
        binders.shutdownNow();
        try {
            acceptor.join(2_000);
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Sandbox SMPP message centre stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before Camel (and stops after it), so that routes find the message centre there. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** The port actually listened on (useful when configured as 0). */
    int port() {
        return running ? boundPort : port;
    }

    /** How many submits were dropped because their session had ended before they were taken. */
    int droppedWithTheirSession() {
        return droppedWithTheirSession.get();
    }

    List<Bound> boundSessions() {
        return sessions.values().stream().sorted(Comparator.comparing(Bound::boundAt)).toList();
    }

    // ---------------------------------------------------------------- patients' replies

    /**
     * Queues a reply from a patient's phone and hands it to Handover as soon as a receiver is bound.
     *
     * @param phone E.164 number, already validated
     * @return the reply's message id
     */
    String queueReply(String phone, String text) {
        if (text == null || text.isBlank() || text.length() > MAX_REPLY_LENGTH) {
            throw new IllegalArgumentException("reply text must be 1 to " + MAX_REPLY_LENGTH + " characters");
        }
        String shortCode = store.lastShortCodeFor(phone).orElse(sourceAddress);
        SmppText.Encoded encoded = SmppText.encode(text, defaultAlphabet);
        Instant now = clock.instant();
        String id = newMessageId();
        store.insert(new ShortMessage(id, Direction.MO, phone, shortCode, text, encoded.dataCoding() & 0xFF, null,
                null, null, null, null, false, null, State.QUEUED, now, null, 0, null, now));
        log.debug("Patient reply {} from {} queued for Handover ({} chars)", id, Masking.maskTail(phone), text.length());
        scheduleDelivery(Duration.ZERO);
        return id;
    }

    /**
     * Hands every due receipt and reply to Handover; runs on the delivery thread only. Both go through the window,
     * several outstanding at once as from a real message centre (one at a time, replies were held to one round trip
     * each and Handover could not store several in one commit); a patient's next reply waits for the next wave, so
     * that each phone's replies arrive in the order they were typed.
     */
    void deliverDue() {
        if (!running) {
            return;
        }
        nextRoundAt.set(0);
        try {
            boolean more;
            do {
                List<ShortMessage> due = store.due(clock.instant(), DUE_BATCH);
                Optional<Bound> receiver = receiver();
                if (due.isEmpty() || receiver.isEmpty()) {
                    return;
                }
                List<ShortMessage> wave = new ArrayList<>();
                Set<String> replyingPhones = new HashSet<>();
                for (ShortMessage message : due) {
                    if (message.direction() == Direction.MT || replyingPhones.add(message.phone())) {
                        wave.add(message);
                    }
                }
                List<HandOver> outcomes = wave.stream()
                        .map(message -> CompletableFuture.supplyAsync(() -> handOver(receiver.get(), message), window))
                        .toList().stream().map(CompletableFuture::join).toList();
                List<ShortMessage> handedOver = new ArrayList<>();
                for (int i = 0; i < wave.size(); i++) {
                    if (outcomes.get(i) == HandOver.DONE) {
                        handedOver.add(wave.get(i));
                    }
                }
                store.forwarded(handedOver, clock.instant());
                if (outcomes.contains(HandOver.SESSION_IN_TROUBLE)) {
                    return;
                }
                more = due.size() == DUE_BATCH || wave.size() < due.size();
            } while (more);
        } catch (RuntimeException e) {
            log.warn("SMPP message centre could not hand over receipts and replies: {}", e.toString());
        }
    }

    /** How handing one receipt or reply over went. */
    private enum HandOver {
        /** Handover answered deliver_sm_resp OK; the caller records it as forwarded. */
        DONE,
        /** Handover refused it; retried later. */
        REFUSED,
        /** No answer or a broken session: retried later, and this round stops. */
        SESSION_IN_TROUBLE
    }

    private HandOver handOver(Bound receiver, ShortMessage message) {
        try {
            if (message.direction() == Direction.MT) {
                sendReceipt(receiver.session(), message);
            } else {
                sendReply(receiver.session(), message);
            }
            log.debug("{} {} handed to Handover ({}, session {})", message.direction() == Direction.MT
                    ? "Delivery receipt for" : "Patient reply", message.id(), Masking.maskTail(message.phone()),
                    receiver.sessionId());
            return HandOver.DONE;
        } catch (NegativeResponseException e) {
            String error = "Handover answered deliver_sm with status 0x" + Integer.toHexString(e.getCommandStatus());
            store.attemptFailed(message, error, clock.instant().plus(redeliveryInterval), MAX_ATTEMPTS);
            log.info("{}: {} will be retried", error, message.id());
            return HandOver.REFUSED;
        } catch (ResponseTimeoutException | IOException | PDUException | InvalidResponseException e) {
            store.attemptFailed(message, "deliver_sm failed: " + e, clock.instant().plus(redeliveryInterval),
                    MAX_ATTEMPTS);
            log.info("deliver_sm for {} failed ({}); will be retried", message.id(), e.toString());
            return HandOver.SESSION_IN_TROUBLE;
        }
    }

    /** The receipt goes to a bound receiver, and is answered, before submit_sm_resp: a race the real world runs. */
    private void receiptBeforeAnswer(ShortMessage message) {
        Optional<Bound> receiver = receiver();
        if (receiver.isPresent() && handOver(receiver.get(), message) == HandOver.DONE) {
            store.forwarded(List.of(message), clock.instant());
            log.info("Sandbox fault: receipt for {} handed to Handover before the submit was answered", message.id());
        }
    }

    private void sendReceipt(SMPPServerSession session, ShortMessage message)
            throws PDUException, ResponseTimeoutException, InvalidResponseException,
            NegativeResponseException, IOException {
        boolean delivered = "DELIVRD".equals(message.receiptStatus());
        String excerpt = message.text().length() <= 20 ? message.text() : message.text().substring(0, 20);
        DeliveryReceipt receipt = new DeliveryReceipt(message.id(), 1, delivered ? 1 : 0,
                Date.from(message.receivedAt()), Date.from(clock.instant()),
                delivered ? DeliveryReceiptState.DELIVRD : DeliveryReceiptState.UNDELIV, delivered ? "000" : "001",
                excerpt.replaceAll("[^\\x20-\\x7E]", "?"));
        session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                PhoneNumbers.toSmpp(message.phone()), tonOf(message.shortCode()), npiOf(message.shortCode()),
                message.shortCode(),
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                receipt.toString().getBytes(StandardCharsets.US_ASCII),
                new OptionalParameter.COctetString(Tag.RECEIPTED_MESSAGE_ID.code(), message.id()),
                new OptionalParameter.Byte(Tag.MESSAGE_STATE,
                        (delivered ? MessageState.DELIVERED : MessageState.UNDELIVERABLE).value()));
    }

    private void sendReply(SMPPServerSession session, ShortMessage message)
            throws PDUException, ResponseTimeoutException, InvalidResponseException,
            NegativeResponseException, IOException {
        SmppText.Encoded encoded = SmppText.encode(message.text(), defaultAlphabet);
        boolean fits = encoded.octets().length <= MAX_SHORT_MESSAGE_OCTETS;
        OptionalParameter[] tlvs = fits ? new OptionalParameter[0]
                : new OptionalParameter[] {new OptionalParameter.OctetString(Tag.MESSAGE_PAYLOAD.code(), encoded.octets())};
        session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                PhoneNumbers.toSmpp(message.phone()), tonOf(message.shortCode()), npiOf(message.shortCode()),
                message.shortCode(), new ESMClass(), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                DataCodings.newInstance(encoded.dataCoding()), fits ? encoded.octets() : new byte[0], tlvs);
    }

    private Optional<Bound> receiver() {
        return sessions.values().stream()
                .filter(bound -> bound.bindType().isReceivable() && bound.session().getSessionState().isReceivable())
                .max(Comparator.comparing(Bound::boundAt));
    }

    /**
     * Schedules a hand-over round after the delay, unless one is already scheduled for a moment that serves as well
     * (within the slack before it): under load one round takes the receipts of many submits.
     */
    private void scheduleDelivery(Duration delay) {
        long roundAt = System.nanoTime() + delay.toNanos();
        long scheduled = nextRoundAt.get();
        if (scheduled != 0 && scheduled - roundAt <= 0 && roundAt - scheduled <= SCHEDULING_SLACK_NANOS) {
            return;
        }
        nextRoundAt.set(roundAt);
        ScheduledExecutorService executor = delivery;
        if (running && executor != null && !executor.isShutdown()) {
            try {
                executor.schedule(this::deliverDue, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    // ---------------------------------------------------------------- sessions

    private void acceptSessions() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                binders.execute(() -> bind(session));
            } catch (IOException e) {
                if (running) {
                    log.warn("SMPP message centre stopped accepting connections: {}", e.toString());
                }
                return;
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(BIND_TIMEOUT_MILLIS);
            if (!systemId.equals(request.getSystemId())) {
                log.info("SMPP bind refused: unknown system id '{}'", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
                closeLater(session);
                return;
            }
            if (!password.equals(request.getPassword())) {
                log.info("SMPP bind refused for '{}': wrong password", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                closeLater(session);
                return;
            }
            request.accept(SMSC_SYSTEM_ID, InterfaceVersion.IF_34);
            session.setTransactionTimer(TRANSACTION_TIMER_MILLIS);
            sessions.put(session.getSessionId(), new Bound(session.getSessionId(), session, request.getBindType(),
                    request.getSystemId(), clock.instant()));
            log.info("SMPP {} bound as {} (session {})", request.getSystemId(), request.getBindType(),
                    session.getSessionId());
            if (request.getBindType().isReceivable()) {
                scheduleDelivery(Duration.ZERO);
            }
        } catch (TimeoutException e) {
            log.info("SMPP connection closed: no bind within {} ms", BIND_TIMEOUT_MILLIS);
            session.close();
        } catch (IOException | PDUStringException | IllegalStateException e) {
            log.info("SMPP bind failed: {}", e.toString());
            session.close();
        }
    }

    /**
     * Closes a refused session after a moment: closing at once can reset the connection before the client has read
     * the negative bind_resp, leaving it waiting for an answer. Most clients close first anyway.
     */
    private void closeLater(SMPPServerSession session) {
        try {
            delivery.schedule(session::close, 1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            session.close();
        }
    }

    private void sessionStateChanged(SessionState newState, SessionState oldState, Session session) {
        if (!newState.isBound() && sessions.remove(session.getSessionId()) != null) {
            log.info("SMPP session {} {}", session.getSessionId(), newState == SessionState.CLOSED ? "closed" : "unbound");
        }
    }

    // ---------------------------------------------------------------- what Handover submits

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession session)
                throws ProcessRequestException {
            Optional<Fault> fault = faults.take(Channel.SMS);
            if (fault.isPresent()) {
                switch (fault.get().mode()) {
                    case HANG -> {
                        log.info("Sandbox fault: holding a submit_sm for {}", fault.get().hangTime());
                        Faults.hang(fault.get());
                    }
                    case NO_ANSWER -> {
                        log.info("Sandbox fault: holding a submit_sm for {}, then dropping it", fault.get().hangTime());
                        Faults.hang(fault.get());
                        throw new ProcessRequestException("No answer (sandbox fault): not stored",
                                SMPPConstant.STAT_ESME_RSYSERR);
                    }
                    case SMPP_THROTTLED -> throw new ProcessRequestException("Throttled (sandbox fault)",
                            SMPPConstant.STAT_ESME_RTHROTTLED);
                    case SMPP_SYSTEM_ERROR -> throw new ProcessRequestException("System error (sandbox fault)",
                            SMPPConstant.STAT_ESME_RSYSERR);
                    default -> {
                        // RECEIPT_UNDELIVERABLE and RECEIPT_FIRST: taken below.
                    }
                }
            }
            if (!session.getSessionState().isBound()) {
                // Taken from the queue after the ESME unbound or the connection dropped (behind a held submit): a
                // message centre that cannot answer a submit does not take it, so the ESME's resend is the only copy.
                droppedWithTheirSession.incrementAndGet();
                log.info("submit_sm taken after session {} ended: not stored", session.getSessionId());
                throw new ProcessRequestException("Session no longer bound: not stored", SMPPConstant.STAT_ESME_RSYSERR);
            }
            String destination = submit.getDestAddress();
            if (destination == null || destination.isBlank()) {
                throw new ProcessRequestException("Destination address missing", SMPPConstant.STAT_ESME_RINVDSTADR);
            }
            SmppText.Decoded decoded = SmppText.decode(submit.getDataCoding(), submit.getEsmClass(),
                    submit.getShortMessage(), octets(submit.getOptionalParameter(Tag.MESSAGE_PAYLOAD)),
                    number(submit.getOptionalParameter(Tag.SAR_MSG_REF_NUM)),
                    number(submit.getOptionalParameter(Tag.SAR_TOTAL_SEGMENTS)),
                    number(submit.getOptionalParameter(Tag.SAR_SEGMENT_SEQNUM)), defaultAlphabet);
            String phone = PhoneNumbers.fromSmpp(destination, submit.getDestAddrTon());
            String shortCode = submit.getSourceAddr() == null || submit.getSourceAddr().isBlank()
                    ? sourceAddress : submit.getSourceAddr().strip();
            boolean undeliverable = fault.isPresent() && fault.get().mode() == Faults.Mode.RECEIPT_UNDELIVERABLE;
            int wanted = submit.getRegisteredDelivery() & 0x03;
            boolean receipt = wanted == 1 || (wanted == 2 && undeliverable) || (wanted == 3 && !undeliverable);
            Bound bound = sessions.get(session.getSessionId());
            Instant now = clock.instant();
            String id = newMessageId();
            String text = decoded.text().length() <= MAX_STORED_TEXT ? decoded.text()
                    : decoded.text().substring(0, MAX_STORED_TEXT);
            ShortMessage received = new ShortMessage(id, Direction.MT, phone, shortCode, text,
                    submit.getDataCoding() & 0xFF,
                    decoded.concatReference() == null ? null : shortCode + "|" + decoded.concatReference() + "|"
                            + decoded.partCount(),
                    decoded.partNumber(), decoded.partCount(),
                    string(submit.getOptionalParameter(Tag.USER_MESSAGE_REFERENCE)),
                    bound == null ? null : bound.systemId(), receipt, undeliverable ? "UNDELIV" : "DELIVRD",
                    receipt ? State.RECEIPT_PENDING : State.RECEIVED, now.plus(receiptDelay), null, 0, null, now);
            store.insert(received);
            if (receipt && fault.isPresent() && fault.get().mode() == Faults.Mode.RECEIPT_FIRST) {
                receiptBeforeAnswer(received);
            }
            if (decoded.unreadable()) {
                log.warn("SMS {}: octets that data_coding 0x{} cannot carry (shown as \uFFFD); with data_coding 0 "
                        + "this message centre reads GSM 03.38 septets", id,
                        Integer.toHexString(submit.getDataCoding() & 0xFF));
            }
            log.debug("SMS {} for {}: {} chars, data_coding 0x{}{}{}", id, Masking.maskTail(phone), text.length(),
                    Integer.toHexString(submit.getDataCoding() & 0xFF),
                    decoded.partCount() == null ? "" : ", part " + decoded.partNumber() + "/" + decoded.partCount(),
                    receipt ? ", receipt requested" : "");
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("Message id not valid", SMPPConstant.STAT_ESME_RSYSERR, e);
            }
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm query, SMPPServerSession session) throws ProcessRequestException {
            ShortMessage message = store.find(query.getMessageId())
                    .filter(m -> m.direction() == Direction.MT)
                    .orElseThrow(() -> new ProcessRequestException("Unknown message id", SMPPConstant.STAT_ESME_RINVMSGID));
            boolean delivered = "DELIVRD".equals(message.receiptStatus());
            Calendar done = Calendar.getInstance();
            done.setTime(Date.from(message.receivedAt()));
            return new QuerySmResult(new AbsoluteTimeFormatter().format(done),
                    delivered ? MessageState.DELIVERED : MessageState.UNDELIVERABLE, (byte) (delivered ? 0 : 1));
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession session)
                throws ProcessRequestException {
            throw unsupported("submit_multi");
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession session) throws ProcessRequestException {
            throw new ProcessRequestException("Already delivered", SMPPConstant.STAT_ESME_RREPLACEFAIL);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession session) throws ProcessRequestException {
            throw new ProcessRequestException("Already delivered", SMPPConstant.STAT_ESME_RCANCELFAIL);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession session)
                throws ProcessRequestException {
            throw unsupported("broadcast_sm");
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession session)
                throws ProcessRequestException {
            throw unsupported("cancel_broadcast_sm");
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession session) throws ProcessRequestException {
            throw unsupported("query_broadcast_sm");
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session session) throws ProcessRequestException {
            throw unsupported("data_sm");
        }

        private ProcessRequestException unsupported(String command) {
            return new ProcessRequestException(command + " is not supported by the sandbox message centre",
                    SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] octets(OptionalParameter parameter) {
        return parameter instanceof OptionalParameter.OctetString octets ? octets.getValue() : null;
    }

    private static Integer number(OptionalParameter parameter) {
        if (parameter instanceof OptionalParameter.Short value) {
            return value.getValue() & 0xFFFF;
        }
        if (parameter instanceof OptionalParameter.Byte value) {
            return value.getValue() & 0xFF;
        }
        return null;
    }

    private static String string(OptionalParameter parameter) {
        if (parameter instanceof OptionalParameter.Short value) {
            return Integer.toString(value.getValue() & 0xFFFF);
        }
        if (parameter instanceof OptionalParameter.OctetString value) {
            return value.getValueAsString();
        }
        return null;
    }

    private static TypeOfNumber tonOf(String address) {
        if (address.matches("\\+?\\d+")) {
            return address.length() > 8 ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN;
        }
        return TypeOfNumber.ALPHANUMERIC;
    }

    private static NumberingPlanIndicator npiOf(String address) {
        return address.matches("\\+?\\d+") ? NumberingPlanIndicator.ISDN : NumberingPlanIndicator.UNKNOWN;
    }

    /**
     * Message ids in the order issued: 16 hex digits counting on from the clock at start (in 2^-20 ms steps), so ids
     * stay unique across restarts. Random ids put each new row on a random page of the store's primary key, which
     * cost the simulator more with every row stored (measured: about three times the CPU per message at 60,000).
     */
    private static final AtomicLong LAST_MESSAGE_ID = new AtomicLong(System.currentTimeMillis() << 20);

    static String newMessageId() {
        return HexFormat.of().withUpperCase().toHexDigits(LAST_MESSAGE_ID.incrementAndGet());
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Listens on a socket bound beforehand, so that the address and the actual port are known. */
    private record BoundSocket(ServerSocket socket) implements ServerConnectionFactory {

        @Override
        public ServerConnection listen(int port) {
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            socket.setSoTimeout(timeout);
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            return listen(port, timeout);
        }
    }
}
