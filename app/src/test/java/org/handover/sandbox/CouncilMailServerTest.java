package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.handover.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The council mail server (GreenMail, SMTP) receiving real mail sent with jakarta.mail over TCP. */
class CouncilMailServerTest {

    private static final String COUNCIL = "social.care@leeds.gov.uk.invalid";

    private static DataSource dataSource;
    private CouncilMailStore store;
    private Faults faults;
    private CouncilMailServer server;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated();
    }

    @BeforeEach
    void start() {
        store = new CouncilMailStore(dataSource);
        store.deleteAll();
        faults = new Faults(Duration.ofMillis(50), Clock.systemUTC());
        server = new CouncilMailServer("127.0.0.1", 0, null, null, store, faults, Clock.systemUTC());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void mailIsKeptWithItsMessageIdRecipientSubjectAndText() throws Exception {
        send(mail("<msg-1@handover>", "Discharge to assess: pathway 1", "Please assess within 48 hours."));

        List<CouncilMailStore.Stored> received = store.recent(10);
        assertThat(received).hasSize(1);
        ReceivedMail mail = received.get(0).mail();
        assertThat(mail.messageId()).isEqualTo("<msg-1@handover>");
        assertThat(mail.recipient()).isEqualTo(COUNCIL);
        assertThat(mail.from()).isEqualTo("handover@trust.nhs.invalid");
        assertThat(mail.subject()).isEqualTo("Discharge to assess: pathway 1");
        assertThat(mail.body()).isEqualTo("Please assess within 48 hours.");
        assertThat(received.get(0).duplicate()).isFalse();
        assertThat(SandboxViews.councilOf(mail.recipient())).isEqualTo("LA-LEEDS");
        assertThat(server.greenMail().orElseThrow().getReceivedMessages()).hasSize(1);
    }

    @Test
    void multipartMailShowsItsTextAndNamesItsAttachments() throws Exception {
        MimeMessage message = mail("<msg-2@handover>", "Referral", null);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("See the attached assessment.", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent("%PDF-1.7 synthetic", "application/pdf");
        attachment.setFileName("assessment.pdf");
        message.setContent(new MimeMultipart(text, attachment));
        send(message);

        ReceivedMail mail = store.recent(1).get(0).mail();
        assertThat(mail.body()).isEqualTo("See the attached assessment.");
        assertThat(mail.attachments()).containsExactly("assessment.pdf");
    }

    @Test
    void sameMessageIdTwiceIsMarkedAsDuplicate() throws Exception {
        send(mail("<msg-3@handover>", "Once", "body"));
        send(mail("<msg-3@handover>", "Once", "body"));

        assertThat(store.recent(10)).extracting(CouncilMailStore.Stored::duplicate).containsExactly(true, false);
        assertThat(store.duplicates()).isEqualTo(1);
    }

    @Test
    void smtp451FaultRefusesTheMailUntilItClears() throws Exception {
        faults.set("social-care", "smtp-451", 1, null);

        assertThatThrownBy(() -> send(mail("<msg-4@handover>", "Retry me", "body")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("451");
        assertThat(store.count()).isZero();

        send(mail("<msg-4@handover>", "Retry me", "body"));
        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void faultAfterStoringShowsTheResendAsDuplicate() throws Exception {
        faults.set("social-care", "smtp-451-after-store", 1, null);

        assertThatThrownBy(() -> send(mail("<msg-5@handover>", "Lost answer", "body")))
                .isInstanceOf(MessagingException.class);
        send(mail("<msg-5@handover>", "Lost answer", "body"));

        assertThat(store.count()).isEqualTo(2);
        assertThat(store.duplicates()).isEqualTo(1);
    }

    /**
     * Fault 4 of ops/faults/inject.sh, small: a mail the server holds past the client's reply timeout is still stored,
     * once, and answered to a client that has gone, as a real server that stalls after the final "." does: the
     * client's resend would be a second copy, which is why Handover waits RFC 5321's 10 minutes.
     */
    @Test
    void aMailHeldPastTheClientsTimeoutIsStillStoredOnce() throws Exception {
        faults.set("social-care", "hang", 1, 1);

        assertThatThrownBy(() -> send(mail("<msg-6@handover>", "Held", "body", 200)))
                .isInstanceOf(MessagingException.class);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (store.count() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.recent(10).get(0).mail().messageId()).isEqualTo("<msg-6@handover>");
    }

    /** A mail held and then dropped is refused to a client still waiting, and never stored. */
    @Test
    void aMailHeldThenDroppedIsNeverStored() throws Exception {
        faults.set("social-care", "no-answer", 1, 1);

        assertThatThrownBy(() -> send(mail("<msg-7@handover>", "Dropped", "body")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("451");

        assertThat(store.count()).isZero();
    }

    private Session session(int replyTimeoutMillis) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.port()));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", String.valueOf(replyTimeoutMillis));
        return Session.getInstance(properties);
    }

    private MimeMessage mail(String messageId, String subject, String text) throws MessagingException {
        return mail(messageId, subject, text, 5_000);
    }

    private MimeMessage mail(String messageId, String subject, String text, int replyTimeoutMillis)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session(replyTimeoutMillis)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("handover@trust.nhs.invalid"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(COUNCIL));
        message.setSubject(subject);
        if (text != null) {
            message.setText(text, "UTF-8");
        }
        return message;
    }

    private static void send(MimeMessage message) throws MessagingException {
        Transport.send(message);
    }
}
