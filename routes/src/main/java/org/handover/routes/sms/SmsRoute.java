package org.handover.routes.sms;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.smpp.SmppConstants;
import org.apache.camel.component.smpp.SmppMessageType;
import org.apache.camel.model.ProcessorDefinition;
import org.handover.domain.Masking;
import org.handover.routes.DeliveryRouteBuilder;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.InboundMessages;
import org.handover.routes.delivery.OutboundMessage;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DeliveryReceiptState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS over SMPP v3.4.
 * <ul>
 * <li>{@value #ROUTE_ID}: {@code submit_sm} with a delivery receipt requested; the SMSC's message id (of the first
 * segment) is the remote id.</li>
 * <li>{@value #INBOUND_ROUTE_ID}: a receiver bind; delivery receipts go to {@link DeliveryReceipts}, patient replies to
 * {@link InboundMessages}. The SMSC is acknowledged only after these return; if they throw, it gets a negative
 * answer and delivers again.</li>
 * <li>{@value #STARTER_ROUTE_ID}: starts the receiver in the background, retrying until a message centre answers,
 * so the application starts without one; from then on camel-smpp reconnects by itself.</li>
 * </ul>
 */
public final class SmsRoute extends DeliveryRouteBuilder {

    public static final String ROUTE_ID = "sms-delivery";
    public static final String INBOUND_ROUTE_ID = "smpp-inbound";
    public static final String STARTER_ROUTE_ID = "smpp-inbound-starter";
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s()-]");
    private static final Pattern INTERNATIONAL_NUMBER = Pattern.compile("[1-9]\\d{6,14}");

    /** Registry name of the receiver session's {@link SmppReceiverState}. */
    static final String RECEIVER_STATE = "smppReceiverState";
    static final String CONNECTION = "smpp://{{handover.smpp.system-id}}@{{handover.smpp.host}}:{{handover.smpp.port}}"
            + "?password=RAW({{handover.smpp.password}})"
            + "&enquireLinkTimer={{handover.smpp.enquire-link-ms:30000}}"
            + "&transactionTimer={{handover.smpp.transaction-timeout-ms:120000}}"
            + "&initialReconnectDelay={{handover.smpp.reconnect-delay-ms:5000}}"
            + "&reconnectDelay={{handover.smpp.reconnect-delay-ms:5000}}";
    static final String SUBMIT_URI = CONNECTION
            + "&registeredDelivery=1&lazyStartProducer=true&lazySessionCreation=true";
    /**
     * Receipts and replies are handled on several threads at once (camel-smpp's default is 3), so that the ledger's
     * group commit takes many of them together while a message centre keeps a window of them outstanding; each is
     * still answered only after it is stored.
     */
    static final String RECEIVER_URI = CONNECTION + "&bridgeErrorHandler=false"
            + "&pduProcessorDegree={{handover.smpp.receiver-threads:8}}"
            + "&sessionStateListener=#" + SmsRoute.RECEIVER_STATE;
    static final String STARTER_URI = "timer:" + STARTER_ROUTE_ID
            + "?delay=500&period={{handover.smpp.reconnect-delay-ms:5000}}";

    private static final Logger LOG = LoggerFactory.getLogger(SmsRoute.class);

    private final DeliveryReceipts receipts;
    private final InboundMessages inbound;
    private final SmppReceiverState receiverState = new SmppReceiverState();
    private final AtomicBoolean receiverStarted = new AtomicBoolean();
    private final AtomicBoolean receiverFailureLogged = new AtomicBoolean();

    public SmsRoute(DeliveryAttempts attempts, DeliveryReceipts receipts, InboundMessages inbound) {
        super(Channel.SMS, attempts);
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.inbound = Objects.requireNonNull(inbound, "inbound");
    }

    @Override
    public String routeId() {
        return ROUTE_ID;
    }

    @Override
    protected void deliver(ProcessorDefinition<?> route) {
        SourceAddress source = SourceAddress.of(
                setting("handover.smpp.source-address"));
        route.process(exchange -> prepareSubmit(exchange, source))
                .to(SUBMIT_URI)
                .process(SmsRoute::readMessageId);
    }

    /** The receiver session's state: the SMS channel's health. */
    public SmppReceiverState receiverState() {
        return receiverState;
    }

    @Override
    protected void configureMore() {
        getContext().getRegistry().bind(RECEIVER_STATE, receiverState);
        from(RECEIVER_URI)
                .routeId(INBOUND_ROUTE_ID)
                .autoStartup(false)
                .choice()
                    .when(header(SmppConstants.MESSAGE_TYPE).isEqualTo(SmppMessageType.DeliveryReceipt.toString()))
                        .process(this::receipt)
                    .when(header(SmppConstants.MESSAGE_TYPE).isEqualTo(SmppMessageType.DeliverSm.toString()))
                        .process(this::reply)
                    .otherwise()
                        .log(LoggingLevel.DEBUG, "Ignoring SMPP ${header." + SmppConstants.MESSAGE_TYPE + "}")
                .end();

        from(STARTER_URI)
                .routeId(STARTER_ROUTE_ID)
                .process(exchange -> startReceiver());
    }

    /** E.164 without the '+', as SMPP wants it with TON international. */
    static String destination(String recipient) {
        String digits = PHONE_PUNCTUATION.matcher(recipient).replaceAll("");
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        } else if (digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!INTERNATIONAL_NUMBER.matcher(digits).matches()) {
            throw new IllegalArgumentException("recipient " + Masking.maskTail(recipient)
                    + " is not an international mobile number");
        }
        return digits;
    }

    private static void prepareSubmit(Exchange exchange, SourceAddress source) {
        OutboundMessage message = message(exchange);
        String text = message.payload() == null ? "" : message.payload();
        Message in = exchange.getIn();
        in.setHeader(SmppConstants.DEST_ADDR, destination(message.recipient()));
        in.setHeader(SmppConstants.DEST_ADDR_TON, TypeOfNumber.INTERNATIONAL.value());
        in.setHeader(SmppConstants.DEST_ADDR_NPI, NumberingPlanIndicator.ISDN.value());
        in.setHeader(SmppConstants.SOURCE_ADDR, source.address());
        in.setHeader(SmppConstants.SOURCE_ADDR_TON, source.ton().value());
        in.setHeader(SmppConstants.SOURCE_ADDR_NPI, source.npi().value());
        in.setHeader(SmppConstants.ALPHABET, SmsDataCoding.forText(text).value());
        in.setBody(text);
    }

    private static void readMessageId(Exchange exchange) {
        List<?> ids = exchange.getIn().getHeader(SmppConstants.ID, List.class);
        if (ids == null || ids.isEmpty() || ids.get(0) == null) {
            throw new IllegalStateException("the SMSC accepted the message but gave no message id");
        }
        exchange.setProperty(REMOTE_ID, ids.get(0).toString());
        if (ids.size() > 1) {
            exchange.setProperty(REMOTE_PART_IDS, List.copyOf(ids.subList(1, ids.size())));
        }
    }

    private void receipt(Exchange exchange) {
        Message in = exchange.getIn();
        String id = in.getHeader(SmppConstants.ID, String.class);
        DeliveryReceiptState state = in.getHeader(SmppConstants.FINAL_STATUS, DeliveryReceiptState.class);
        String error = in.getHeader(SmppConstants.ERROR, String.class);
        String detail = state + (error == null ? "" : " err:" + error);
        if (id == null || state == null) {
            LOG.warn("Ignoring an SMPP delivery receipt without id or status");
            return;
        }
        switch (state) {
            case DELIVRD -> receipts.delivered(Channel.SMS, id, detail);
            case UNDELIV, REJECTD, EXPIRED, DELETED -> receipts.undeliverable(Channel.SMS, id, detail);
            default -> {
                LOG.debug("SMS {} is not final yet: {}", id, detail);
                return;
            }
        }
        LOG.debug("SMS {} receipt: {}", id, detail);
    }

    private void reply(Exchange exchange) {
        Message in = exchange.getIn();
        String from = number(in.getHeader(SmppConstants.SOURCE_ADDR, String.class),
                in.getHeader(SmppConstants.SOURCE_ADDR_TON, Byte.class));
        String to = number(in.getHeader(SmppConstants.DEST_ADDR, String.class),
                in.getHeader(SmppConstants.DEST_ADDR_TON, Byte.class));
        String text = in.getBody(String.class);
        String remoteId = "smpp-" + UUID.randomUUID();
        inbound.smsReceived(from, to, text == null ? "" : text, remoteId);
        LOG.debug("SMS reply {} from {} stored", remoteId, Masking.maskTail(from));
    }

    /** An international number as E.164 with '+'; anything else as the SMSC gave it. */
    static String number(String address, Byte ton) {
        if (address == null) {
            return "";
        }
        boolean international = ton != null && ton == TypeOfNumber.INTERNATIONAL.value();
        return international && !address.startsWith("+") ? "+" + address : address;
    }

    private void startReceiver() {
        if (receiverStarted.get()) {
            return;
        }
        ServiceStatus status = getContext().getRouteController().getRouteStatus(INBOUND_ROUTE_ID);
        if (status != null && (status.isStarted() || status.isStarting())) {
            receiverStarted.set(true);
            return;
        }
        try {
            getContext().getRouteController().startRoute(INBOUND_ROUTE_ID);
            receiverStarted.set(true);
            LOG.info("SMPP receiver {} started", INBOUND_ROUTE_ID);
        } catch (Exception e) {
            if (receiverFailureLogged.compareAndSet(false, true)) {
                LOG.warn("No SMPP message centre to receive from yet ({}); retrying in the background",
                        e.getMessage());
            } else {
                LOG.debug("SMPP receiver still not started: {}", e.getMessage());
            }
        }
    }
}
