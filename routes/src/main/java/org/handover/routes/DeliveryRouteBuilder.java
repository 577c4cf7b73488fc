package org.handover.routes;

import java.util.List;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.support.DefaultMessage;
import org.handover.domain.Masking;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.DeliveryAttempts.AfterFailure;
import org.handover.routes.delivery.DeliveryAttempts.Go;
import org.handover.routes.delivery.DeliveryError;
import org.handover.routes.delivery.DeliveryErrors;
import org.handover.routes.delivery.OutboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every outbound channel route shares: read the envelope from the channel queue, ask the ledger whether to
 * go ahead, deliver, and tell the ledger how it went.
 *
 * <ul>
 * <li>Camel never redelivers ({@code maximumRedeliveries(0)}): the ledger schedules durable retries with backoff.</li>
 * <li>A failure while delivering is handled: {@link DeliveryAttempts#failed} is called with the code from
 * {@link DeliveryErrors}, and the envelope goes to {@value Queues#DEAD_LETTER} when the ledger answers
 * {@code DEAD_LETTERED}; the JMS transaction then commits.</li>
 * <li>A failure of the ledger itself (in {@code begin}, {@code succeeded} or {@code failed}) is not handled: the JMS
 * transaction rolls back and the broker redelivers the envelope later; {@code begin} then answers
 * {@code SEND_AGAIN} or {@code SKIP}.</li>
 * <li>A text that is not an envelope goes to {@value Queues#UNREADABLE} without its body being logged.</li>
 * </ul>
 * Subclasses add their delivery steps in {@link #deliver} and may add further routes in {@link #configureMore}.
 */
public abstract class DeliveryRouteBuilder extends RouteBuilder {

    /** Exchange property: the {@link OutboundMessage} being delivered. */
    public static final String MESSAGE = "handoverMessage";
    /** Exchange property: the id the receiver gave the message, set by {@link #deliver}'s steps. */
    public static final String REMOTE_ID = "handoverRemoteId";
    /** Exchange property: the receiver's ids for the other parts of a message it took in parts (a list), if any. */
    public static final String REMOTE_PART_IDS = "handoverRemotePartIds";
    static final String GO = "handoverGo";
    static final String IN_FLIGHT = "handoverInFlight";
    static final String AFTER_FAILURE = "handoverAfterFailure";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRouteBuilder.class);

    private final Channel channel;
    private final DeliveryAttempts attempts;

    protected DeliveryRouteBuilder(Channel channel, DeliveryAttempts attempts) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.attempts = Objects.requireNonNull(attempts, "attempts");
    }

    /** Kebab-case id of the delivery route, e.g. {@code mesh-delivery}. */
    public abstract String routeId();

    /**
     * Appends the steps that hand the message (exchange property {@link #MESSAGE}, also returned by
     * {@link #message(Exchange)}) to the receiver and leave the receiver's id in exchange property {@link #REMOTE_ID}.
     * Incoming headers have been removed; any exception is a failed attempt.
     */
    protected abstract void deliver(ProcessorDefinition<?> route);

    /** Extra routes of the same channel, sharing this builder's error handling. */
    protected void configureMore() throws Exception {
        // none by default
    }

    @Override
    public final void configure() throws Exception {
        errorHandler(defaultErrorHandler()
                .maximumRedeliveries(0)
                .logExhaustedMessageBody(false)
                .logExhaustedMessageHistory(false));

        onException(UnreadableEnvelopeException.class)
                .handled(true)
                .log(LoggingLevel.ERROR, LOG, "Unreadable envelope on queue " + channel.queue() + " (${exception.message}),"
                        + " moved to queue " + Queues.UNREADABLE)
                .to(Queues.producerUri(Queues.UNREADABLE));

        onException(Exception.class)
                .onWhen(exchange -> exchange.getProperty(IN_FLIGHT, false, Boolean.class))
                .handled(true)
                .process(this::recordFailure)
                .filter(exchange -> exchange.getProperty(AFTER_FAILURE) == AfterFailure.DEAD_LETTERED)
                    .process(exchange -> exchange.getIn().setBody(Envelopes.write(message(exchange))))
                    .to(Queues.producerUri(Queues.DEAD_LETTER))
                .end();

        ProcessorDefinition<?> goAhead = from(Queues.consumerUri(channel, concurrentConsumers()))
                .routeId(routeId())
                .process(this::begin)
                .filter(exchange -> exchange.getProperty(GO) != Go.SKIP);
        goAhead.setProperty(IN_FLIGHT, constant(true))
                .process(DeliveryRouteBuilder::leaveIncomingHeadersBehind);
        deliver(goAhead);
        goAhead.setProperty(IN_FLIGHT, constant(false))
                .process(this::recordSuccess);
        goAhead.end();

        configureMore();
    }

    /**
     * Consumer threads on this channel's queue: {@code handover.delivery.<channel>.concurrent-consumers}, else
     * {@code handover.delivery.concurrent-consumers}. Each thread has one delivery in flight and spends most of its
     * time waiting (for the ledger's grouped reads and writes and for the receiver's answer), so a channel's
     * throughput is about its consumers divided by the time one delivery takes: channels that carry more, or whose
     * receiver answers more slowly, get more.
     */
    int concurrentConsumers() {
        String perChannel = "handover.delivery." + channel.id() + ".concurrent-consumers";
        String value = setting(perChannel, setting("handover.delivery.concurrent-consumers")).strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(perChannel + " (or handover.delivery.concurrent-consumers) must be a"
                    + " whole number, not '" + value + "'", e);
        }
    }

    /** The value of a configuration property, resolved now (while routes are being configured). */
    protected String setting(String key) {
        return getContext().resolvePropertyPlaceholders("{{" + key + "}}");
    }

    /** The value of an optional configuration property, or the fallback when it is not set. */
    protected String setting(String key, String fallback) {
        return getContext().resolvePropertyPlaceholders("{{" + key + ":" + fallback + "}}");
    }

    /** The envelope this exchange delivers. */
    protected static OutboundMessage message(Exchange exchange) {
        return exchange.getProperty(MESSAGE, OutboundMessage.class);
    }

    private void begin(Exchange exchange) {
        OutboundMessage message = Envelopes.read(exchange.getIn().getBody(String.class));
        if (message.channel() != channel) {
            throw new UnreadableEnvelopeException("envelope " + message.id() + " is for channel " + message.channel()
                    + ", not " + channel, null);
        }
        exchange.setProperty(MESSAGE, message);
        Go go = attempts.begin(message);
        exchange.setProperty(GO, go);
        if (go == Go.SKIP) {
            LOG.debug("Skipping {} {} attempt {}: the ledger says so", message.type(), message.id(), message.attempt());
        }
    }

    /**
     * Goes on with a plain message holding only the envelope text. Removing the incoming headers from the JMS message
     * would first copy every JMS header and property of the envelope into Camel headers (camel-jms reads them only
     * when asked), each through the header filter, only to drop them: per message, for nothing.
     */
    private static void leaveIncomingHeadersBehind(Exchange exchange) {
        Message plain = new DefaultMessage(exchange);
        plain.setBody(exchange.getIn().getBody());
        exchange.setIn(plain);
    }

    private void recordSuccess(Exchange exchange) {
        OutboundMessage message = message(exchange);
        String remoteId = exchange.getProperty(REMOTE_ID, String.class);
        List<?> parts = exchange.getProperty(REMOTE_PART_IDS, List.class);
        if (parts == null || parts.isEmpty()) {
            attempts.succeeded(message, remoteId);
        } else {
            attempts.succeeded(message, remoteId, parts.stream().map(String::valueOf).toList());
        }
        LOG.debug("Delivered {} {} attempt {} over {} to {} as {}", message.type(), message.id(), message.attempt(),
                channel.id(), Masking.maskTail(message.recipient()), remoteId);
    }

    private void recordFailure(Exchange exchange) {
        OutboundMessage message = message(exchange);
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DeliveryError error = DeliveryErrors.describe(failure).redact(message.payload());
        AfterFailure after = attempts.failed(message, error.code(), error.text());
        exchange.setProperty(AFTER_FAILURE, after);
        exchange.setProperty(IN_FLIGHT, false);
        BatchCommittingListenerContainer.commitAfterThisEnvelope();
        LOG.warn("Delivery of {} {} attempt {} over {} failed with {} ({}): {}", message.type(), message.id(),
                message.attempt(), channel.id(), error.code(), error.text(), after);
    }
}
