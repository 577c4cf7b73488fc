package org.handover.routes.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.handover.routes.Envelopes;
import org.handover.routes.Messages;
import org.handover.routes.Queues;
import org.handover.routes.RecordingAttempts;
import org.handover.routes.RouteHarness;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts.AfterFailure;
import org.handover.routes.delivery.DeliveryAttempts.Go;
import org.handover.routes.delivery.OutboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MailRouteTest {

    /** Not text: every byte value, as a PDF has. */
    private static final byte[] PDF_BYTES = allByteValues();


    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    private final RecordingAttempts attempts = new RecordingAttempts();
    private RouteHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void sendsPlainTextMailWithTheMessageIdAsIdempotencyKey() throws Exception {
        harness = RouteHarness.start(new MailRoute(attempts), properties(SMTP.getSmtp().getPort(), ""));
        OutboundMessage message = careMessage("Pathway 1: home with new support from Friday. Café ☕ at 10.");

        Exchange exchange = harness.offer(Envelopes.write(message));

        assertThat(exchange.isFailed()).isFalse();
        String messageId = "<" + message.id() + "@handover>";
        assertThat(attempts.succeeded).containsExactly(new RecordingAttempts.Success(message, messageId));
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getMessageID()).isEqualTo(messageId);
        assertThat(mail.getSubject()).isEqualTo("Discharge to assess: care needs notice");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("handover@trust.example");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("hub@council.example");
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(GreenMailUtil.getBody(mail)).isNotBlank();
        assertThat(((String) mail.getContent()).trim()).isEqualTo(message.payload());
        assertThat(mail.getHeader("handoverMessage")).isNull();
    }

    @Test
    void sendsTheTextWithAttachmentsWhenThePayloadIsMailContent() throws Exception {
        harness = RouteHarness.start(new MailRoute(attempts), properties(SMTP.getSmtp().getPort(), ""));
        String notice = "{\"pathway\":1,\"name\":\"Zoë\"}";
        OutboundMessage message = Messages.message(Channel.SOCIAL_CARE, "hub@council.example",
                new MailContent("Pathway 1 for Zoë: see the attached notice.",
                        List.of(MailContent.Attachment.text("notice.json", "application/json", notice),
                                new MailContent.Attachment("letter.pdf", "application/pdf", PDF_BYTES))).write(),
                Map.of(MailContent.FORMAT_ATTRIBUTE, MailContent.FORMAT, OutboundMessage.SUBJECT, "Notice"));

        Exchange exchange = harness.offer(Envelopes.write(message));

        assertThat(exchange.isFailed()).isFalse();
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getMessageID()).isEqualTo("<" + message.id() + "@handover>");
        assertThat(mail.getContentType()).startsWith("multipart/mixed");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(((String) parts.getBodyPart(0).getContent()).trim()).isEqualTo("Pathway 1 for Zoë: see the attached notice.");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("notice.json");
        assertThat(parts.getBodyPart(1).isMimeType("application/json")).isTrue();
        assertThat(new String(parts.getBodyPart(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(notice);
        assertThat(parts.getBodyPart(2).getFileName()).isEqualTo("letter.pdf");
        assertThat(parts.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(PDF_BYTES);
    }

    @Test
    void mailContentThatIsNotJsonFailsTheAttemptWithoutQuotingIt() throws Exception {
        harness = RouteHarness.start(new MailRoute(attempts), properties(SMTP.getSmtp().getPort(), ""));
        OutboundMessage message = Messages.message(Channel.SOCIAL_CARE, "hub@council.example", "not json 9990000018",
                Map.of(MailContent.FORMAT_ATTRIBUTE, MailContent.FORMAT));

        harness.offer(Envelopes.write(message));

        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(attempts.failed).singleElement().satisfies(failure ->
                assertThat(failure.text()).doesNotContain("9990000018"));
    }

    @Test
    void unsetSubjectFallsBackToADefault() throws Exception {
        harness = RouteHarness.start(new MailRoute(attempts), properties(SMTP.getSmtp().getPort(), ""));

        harness.offer(Envelopes.write(Messages.message(Channel.SOCIAL_CARE, "hub@council.example", "Hello", Map.of())));

        assertThat(SMTP.getReceivedMessages()[0].getSubject()).isEqualTo(MailRoute.DEFAULT_SUBJECT);
    }

    @Test
    void refusedRecipientIsAnSmtpCodeAndMayBeDeadLettered() throws Exception {
        try (RefusingSmtpServer refusing = new RefusingSmtpServer("550 5.1.1 <hub@council.example> user unknown")) {
            harness = RouteHarness.start(new MailRoute(attempts), properties(refusing.port(), ""));
            attempts.afterFailure = AfterFailure.DEAD_LETTERED;
            OutboundMessage message = careMessage("Pathway 2");
            MockEndpoint deadLetter = harness.queue(Queues.DEAD_LETTER);
            deadLetter.expectedMessageCount(1);

            Exchange exchange = harness.offer(Envelopes.write(message));

            assertThat(exchange.isFailed()).isFalse();
            assertThat(attempts.failed).singleElement().satisfies(failure -> {
                assertThat(failure.code()).isEqualTo("SMTP_550");
                assertThat(failure.text()).doesNotContain(message.payload());
            });
            deadLetter.assertIsSatisfied();
            assertThat(Envelopes.read(deadLetter.getExchanges().get(0).getIn().getBody(String.class)))
                    .isEqualTo(message);
        }
    }

    @Test
    void unreachableServerIsConnectionRefused() throws Exception {
        int closedPort;
        try (RefusingSmtpServer gone = new RefusingSmtpServer("550 never")) {
            closedPort = gone.port();
        }
        harness = RouteHarness.start(new MailRoute(attempts), properties(closedPort, ""));

        Exchange exchange = harness.offer(Envelopes.write(careMessage("Pathway 3")));

        assertThat(exchange.isFailed()).isFalse();
        assertThat(attempts.failed).singleElement().extracting(RecordingAttempts.Failure::code)
                .isEqualTo("CONNECTION_REFUSED");
        assertThat(harness.queue(Queues.DEAD_LETTER).getReceivedCounter()).isZero();
    }

    @Test
    void skipSendsNothing() throws Exception {
        harness = RouteHarness.start(new MailRoute(attempts), properties(SMTP.getSmtp().getPort(), ""));
        attempts.go = Go.SKIP;

        harness.offer(Envelopes.write(careMessage("Pathway 1")));

        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(attempts.succeeded).isEmpty();
        assertThat(attempts.failed).isEmpty();
    }

    @Test
    void authenticatesWhenAUsernameIsConfigured() throws Exception {
        SMTP.setUser("handover@trust.example", "relay", "s3cret&x=y");
        Properties properties = properties(SMTP.getSmtp().getPort(), "relay");
        properties.setProperty("handover.smtp.password", "s3cret&x=y");
        harness = RouteHarness.start(new MailRoute(attempts), properties);

        harness.offer(Envelopes.write(careMessage("Pathway 1")));

        assertThat(attempts.failed).isEmpty();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void wrongPasswordIsRefusedSoCredentialsAreReallySent() throws Exception {
        SMTP.setUser("handover@trust.example", "relay", "s3cret&x=y");
        Properties properties = properties(SMTP.getSmtp().getPort(), "relay");
        properties.setProperty("handover.smtp.password", "guess");
        harness = RouteHarness.start(new MailRoute(attempts), properties);

        harness.offer(Envelopes.write(careMessage("Pathway 1")));

        assertThat(attempts.failed).singleElement().satisfies(failure -> {
            assertThat(failure.code()).isEqualTo("UNKNOWN");
            assertThat(failure.text()).contains("AuthenticationFailedException").doesNotContain("guess");
        });
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private static OutboundMessage careMessage(String payload) {
        return Messages.message(Channel.SOCIAL_CARE, "hub@council.example", payload,
                Map.of(OutboundMessage.SUBJECT, "Discharge to assess: care needs notice"));
    }

    private static Properties properties(int port, String username) {
        Properties properties = new Properties();
        properties.setProperty("handover.delivery.concurrent-consumers", "1");
        properties.setProperty("handover.smtp.host", "127.0.0.1");
        properties.setProperty("handover.smtp.port", Integer.toString(port));
        properties.setProperty("handover.smtp.username", username);
        properties.setProperty("handover.smtp.password", "");
        properties.setProperty("handover.smtp.from", "handover@trust.example");
        return properties;
    }

    private static byte[] allByteValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }
}
