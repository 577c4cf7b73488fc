package org.handover.routes.sms;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/** A tiny SMPP message centre on jSMPP's server side: accepts binds, records submits, pushes deliver_sm. */
final class TestSmsc implements ServerMessageReceiverListener, AutoCloseable {

    record Submitted(String messageId, String destination, byte destinationTon, String source, byte sourceTon,
            byte dataCoding, byte registeredDelivery, String text) {
    }

    final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    final List<SMPPServerSession> receivers = new CopyOnWriteArrayList<>();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    volatile int rejectWith;
    /** How long each submit_sm waits before its answer, so that several can be in flight at once. */
    volatile long answerAfterMillis;
    /** The most submit_sm this message centre had in hand at once (received, not yet answered). */
    final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    private final SMPPServerSessionListener listener;
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final Thread acceptor;

    TestSmsc(int port) throws IOException {
        listener = new SMPPServerSessionListener(port);
        listener.setPduProcessorDegree(16);
        listener.setMessageReceiverListener(this);
        acceptor = new Thread(this::acceptAll, "test-smsc");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptAll() {
        while (true) {
            try {
                SMPPServerSession session = listener.accept();
                sessions.add(session);
                BindRequest bind = session.waitForBind(5_000);
                if (!"handover".equals(bind.getSystemId()) || !"secret".equals(bind.getPassword())) {
                    bind.reject(0x0E);
                    continue;
                }
                bind.accept("test-smsc");
                if (bind.getBindType() == BindType.BIND_RX || bind.getBindType() == BindType.BIND_TRX) {
                    receivers.add(session);
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    boolean awaitReceiver(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (receivers.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return !receivers.isEmpty();
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        if (rejectWith != 0) {
            throw new ProcessRequestException("rejected by test", rejectWith);
        }
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(answerAfterMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        String id = Integer.toString(ids.incrementAndGet());
        Charset charset = submitSm.getDataCoding() == 0x08 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1;
        submitted.add(new Submitted(id, submitSm.getDestAddress(), submitSm.getDestAddrTon(), submitSm.getSourceAddr(),
                submitSm.getSourceAddrTon(), submitSm.getDataCoding(), submitSm.getRegisteredDelivery(),
                new String(submitSm.getShortMessage(), charset)));
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (Exception e) {
            throw new ProcessRequestException(e.getMessage(), 0x08);
        }
    }

    /** Sends a delivery receipt for a message id to the bound receiver. */
    void receipt(String messageId, DeliveryReceiptState state, String error) throws Exception {
        DeliveryReceipt receipt = new DeliveryReceipt(messageId, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0,
                new Date(), new Date(), state, error, "Thanks for your");
        deliver("447700900123", "HANDOVER",
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                GeneralDataCoding.DEFAULT, receipt.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends a patient's reply (mobile originated) to the bound receiver. */
    void reply(String from, String to, String text) throws Exception {
        deliver(from, to, new ESMClass(), new GeneralDataCoding(Alphabet.ALPHA_UCS2),
                text.getBytes(StandardCharsets.UTF_16BE));
    }

    private void deliver(String from, String to, ESMClass esmClass, GeneralDataCoding coding, byte[] message)
            throws Exception {
        receivers.get(0).deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from,
                TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, to, esmClass, (byte) 0, (byte) 0,
                new RegisteredDelivery(0), coding, message);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void close() throws IOException {
        for (SMPPServerSession session : sessions) {
            session.unbindAndClose();
        }
        listener.close();
    }
}
