package org.handover.routes.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.mock.MockEndpoint;
import org.handover.routes.Envelopes;
import org.handover.routes.Messages;
import org.handover.routes.Queues;
import org.handover.routes.RecordingAttempts;
import org.handover.routes.RouteHarness;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts.AfterFailure;
import org.handover.routes.delivery.DeliveryAttempts.Go;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.InboundMessages;
import org.handover.routes.delivery.OutboundMessage;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmsRouteTest {

    record Receipt(boolean delivered, Channel channel, String remoteId, String detail) {
    }

    record Reply(String from, String to, String text, String remoteId) {
    }

    private final RecordingAttempts attempts = new RecordingAttempts();
    private final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private volatile RuntimeException inboundFailure;
    private TestSmsc smsc;
    private RouteHarness harness;

    @AfterEach
    void stop() throws IOException {
        if (harness != null) {
            harness.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    void submitsGsmTextToTheInternationalNumberWithADeliveryReceiptRequested() throws Exception {
        start();
        OutboundMessage message = sms("Overall, how was your experience of our service? Reply 1-6, or STOP");

        Exchange exchange = harness.offer(Envelopes.write(message));

        assertThat(exchange.isFailed()).isFalse();
        assertThat(smsc.submitted).singleElement().satisfies(submitted -> {
            assertThat(submitted.destination()).isEqualTo("447700900123");
            assertThat(submitted.destinationTon()).isEqualTo(TypeOfNumber.INTERNATIONAL.value());
            assertThat(submitted.source()).isEqualTo("HANDOVER");
            assertThat(submitted.sourceTon()).isEqualTo(TypeOfNumber.ALPHANUMERIC.value());
            assertThat(submitted.dataCoding()).isEqualTo((byte) 0);
            assertThat(submitted.registeredDelivery()).isEqualTo((byte) 1);
            assertThat(submitted.text()).isEqualTo(message.payload());
            assertThat(attempts.succeeded).containsExactly(
                    new RecordingAttempts.Success(message, submitted.messageId()));
        });
    }

    /**
     * The channel's consumers share one transmitter session: their submits are in flight together (the session's
     * window), and each answer still reaches the consumer whose submit it answers.
     */
    @Test
    void severalSubmitsInFlightOnOneSessionEachRecordedOnceWithItsOwnMessageId() throws Exception {
        start();
        harness.offer(Envelopes.write(sms("bind first")));
        attempts.succeeded.clear();
        smsc.submitted.clear();
        smsc.answerAfterMillis = 300;
        List<OutboundMessage> messages = IntStream.range(0, 8).mapToObj(i -> sms("Text number " + i)).toList();
        ExecutorService consumers = Executors.newFixedThreadPool(messages.size());
        try {
            List<Future<Exchange>> sent = messages.stream()
                    .map(message -> consumers.submit(() -> harness.offer(Envelopes.write(message)))).toList();
            for (Future<Exchange> exchange : sent) {
                assertThat(exchange.get(10, TimeUnit.SECONDS).isFailed()).isFalse();
            }
        } finally {
            consumers.shutdownNow();
        }

        assertThat(smsc.mostInFlight.get()).isGreaterThan(1);
        assertThat(smsc.submitted).hasSize(messages.size());
        Map<String, String> textBySmscId = smsc.submitted.stream()
                .collect(Collectors.toMap(TestSmsc.Submitted::messageId, TestSmsc.Submitted::text));
        assertThat(attempts.succeeded).hasSize(messages.size());
        assertThat(attempts.succeeded.stream().map(RecordingAttempts.Success::message))
                .containsExactlyInAnyOrderElementsOf(messages);
        assertThat(attempts.succeeded).allSatisfy(success ->
                assertThat(textBySmscId.get(success.remoteId())).isEqualTo(success.message().payload()));
    }

    @Test
    void submitsTextOutsideGsm7AsUcs2() throws Exception {
        start();
        OutboundMessage message = sms("Diolch — sut oedd eich profiad? Atebwch 1-6 😊");

        harness.offer(Envelopes.write(message));

        assertThat(smsc.submitted).singleElement().satisfies(submitted -> {
            assertThat(submitted.dataCoding()).isEqualTo((byte) 8);
            assertThat(submitted.text()).isEqualTo(message.payload());
        });
    }

    @Test
    void negativeResponseIsAnSmppCodeAndMayBeDeadLettered() throws Exception {
        start();
        smsc.rejectWith = 0x0B;
        attempts.afterFailure = AfterFailure.DEAD_LETTERED;
        OutboundMessage message = sms("Hello");
        MockEndpoint deadLetter = harness.queue(Queues.DEAD_LETTER);
        deadLetter.expectedMessageCount(1);

        Exchange exchange = harness.offer(Envelopes.write(message));

        assertThat(exchange.isFailed()).isFalse();
        assertThat(attempts.failed).singleElement().satisfies(failure -> {
            assertThat(failure.code()).isEqualTo("SMPP_0000000B");
            assertThat(failure.text()).doesNotContain("447700900123");
        });
        deadLetter.assertIsSatisfied();
        assertThat(Envelopes.read(deadLetter.getExchanges().get(0).getIn().getBody(String.class))).isEqualTo(message);
    }

    @Test
    void skipSubmitsNothing() throws Exception {
        start();
        attempts.go = Go.SKIP;

        harness.offer(Envelopes.write(sms("Hello")));

        assertThat(smsc.submitted).isEmpty();
        assertThat(attempts.succeeded).isEmpty();
        assertThat(attempts.failed).isEmpty();
    }

    @Test
    void notAMobileNumberIsAFailedAttempt() throws Exception {
        start();

        harness.offer(Envelopes.write(Messages.message(Channel.SMS, "not a number", "Hello", Map.of())));

        assertThat(smsc.submitted).isEmpty();
        assertThat(attempts.failed).singleElement().extracting(RecordingAttempts.Failure::code).isEqualTo("UNKNOWN");
    }

    @Test
    void startsWithoutAMessageCentreAndSendingFailsAsConnectionRefused() throws Exception {
        harness = RouteHarness.start(route(), properties(freePort()));

        assertThat(harness.context().getRouteController().getRouteStatus(SmsRoute.INBOUND_ROUTE_ID))
                .isNotEqualTo(ServiceStatus.Started);
        harness.offer(Envelopes.write(sms("Hello")));

        assertThat(attempts.failed).singleElement().extracting(RecordingAttempts.Failure::code)
                .isEqualTo("CONNECTION_REFUSED");
    }

    @Test
    void receiverBindsOnceTheMessageCentreComesUp() throws Exception {
        int port = freePort();
        harness = RouteHarness.start(route(), properties(port));
        Thread.sleep(600);
        smsc = new TestSmsc(port);

        assertThat(smsc.awaitReceiver(10, TimeUnit.SECONDS)).isTrue();
        await(() -> harness.context().getRouteController().getRouteStatus(SmsRoute.INBOUND_ROUTE_ID).isStarted());
        smsc.reply("447700900123", "HANDOVER", "1");
        await(() -> replies.size() == 1);
    }

    @Test
    void deliveryReceiptsReachTheLedger() throws Exception {
        start();
        assertThat(smsc.awaitReceiver(10, TimeUnit.SECONDS)).isTrue();

        smsc.receipt("1001", DeliveryReceiptState.DELIVRD, "000");
        smsc.receipt("1002", DeliveryReceiptState.UNDELIV, "001");
        smsc.receipt("1003", DeliveryReceiptState.EXPIRED, "000");
        smsc.receipt("1004", DeliveryReceiptState.ENROUTE, "000");

        await(() -> receipts.size() == 3);
        assertThat(receipts).containsExactlyInAnyOrder(
                new Receipt(true, Channel.SMS, "1001", "DELIVRD"),
                new Receipt(false, Channel.SMS, "1002", "UNDELIV err:001"),
                new Receipt(false, Channel.SMS, "1003", "EXPIRED"));
    }

    @Test
    void patientRepliesReachInboundMessagesWithAnE164Number() throws Exception {
        start();
        assertThat(smsc.awaitReceiver(10, TimeUnit.SECONDS)).isTrue();

        smsc.reply("447700900123", "HANDOVER", "Very good 😊 thank you");

        await(() -> replies.size() == 1);
        assertThat(replies.get(0)).satisfies(reply -> {
            assertThat(reply.from()).isEqualTo("+447700900123");
            assertThat(reply.to()).isEqualTo("HANDOVER");
            assertThat(reply.text()).isEqualTo("Very good 😊 thank you");
            assertThat(reply.remoteId()).startsWith("smpp-");
        });
    }

    @Test
    void replyIsRefusedToTheMessageCentreWhenItCannotBeStored() throws Exception {
        start();
        assertThat(smsc.awaitReceiver(10, TimeUnit.SECONDS)).isTrue();
        inboundFailure = new IllegalStateException("database unavailable");

        assertThatThrownBy(() -> smsc.reply("447700900123", "HANDOVER", "2"))
                .isInstanceOf(NegativeResponseException.class);
        assertThat(replies).isEmpty();
    }

    @Test
    void destinationIsE164WithoutThePlus() {
        assertThat(SmsRoute.destination("+44 7700 900123")).isEqualTo("447700900123");
        assertThat(SmsRoute.destination("00447700900123")).isEqualTo("447700900123");
        assertThatThrownBy(() -> SmsRoute.destination("07700 900123")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("900123 ").hasMessageContaining("0123");
    }

    private void start() throws Exception {
        int port = freePort();
        smsc = new TestSmsc(port);
        harness = RouteHarness.start(route(), properties(port));
    }

    private SmsRoute route() {
        DeliveryReceipts deliveryReceipts = new DeliveryReceipts() {
            @Override
            public void delivered(Channel channel, String remoteId, String detail) {
                receipts.add(new Receipt(true, channel, remoteId, detail));
            }

            @Override
            public void undeliverable(Channel channel, String remoteId, String detail) {
                receipts.add(new Receipt(false, channel, remoteId, detail));
            }
        };
        InboundMessages inbound = (from, to, text, remoteId) -> {
            if (inboundFailure != null) {
                throw inboundFailure;
            }
            replies.add(new Reply(from, to, text, remoteId));
        };
        return new SmsRoute(attempts, deliveryReceipts, inbound);
    }

    private static OutboundMessage sms(String text) {
        return Messages.message(Channel.SMS, "+44 7700 900123", text, Map.of());
    }

    private static Properties properties(int port) {
        Properties properties = new Properties();
        properties.setProperty("handover.delivery.concurrent-consumers", "1");
        properties.setProperty("handover.smpp.host", "127.0.0.1");
        properties.setProperty("handover.smpp.port", Integer.toString(port));
        properties.setProperty("handover.smpp.system-id", "handover");
        properties.setProperty("handover.smpp.password", "secret");
        properties.setProperty("handover.smpp.source-address", "HANDOVER");
        properties.setProperty("handover.smpp.reconnect-delay-ms", "200");
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(50);
        }
    }
}
