package org.handover.routes.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeptOpenMailSenderTest {

    private GreenMail server = started(0);
    private KeptOpenMailSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.stop();
        }
        server.stop();
    }

    @Test
    void sendsOneMailAfterAnotherOverOneConnectionKeepingTheMessageId() throws Exception {
        sender = new KeptOpenMailSender("127.0.0.1", port(), "", "", 5_000, 5_000);

        for (int i = 1; i <= 3; i++) {
            sender.send(mail("<m" + i + "@handover>"));
        }

        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getMessageID)
                .containsExactly("<m1@handover>", "<m2@handover>", "<m3@handover>");
        assertThat(sender.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionTheServerHasDroppedIsReplacedBeforeTheNextMail() throws Exception {
        sender = new KeptOpenMailSender("127.0.0.1", port(), "", "", 5_000, 5_000, 0);
        sender.send(mail("<before@handover>"));
        int port = port();
        server.stop();
        server = started(port);

        sender.send(mail("<after@handover>"));

        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getMessageID).containsExactly("<after@handover>");
        assertThat(sender.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void aFailedSendClosesTheConnectionAndIsNotResent() throws Exception {
        sender = new KeptOpenMailSender("127.0.0.1", port(), "", "", 5_000, 5_000, Long.MAX_VALUE);
        sender.send(mail("<first@handover>"));
        int port = port();
        server.stop();

        assertThatThrownBy(() -> sender.send(mail("<lost@handover>"))).isInstanceOfAny(MessagingException.class,
                IllegalStateException.class);

        server = started(port);
        sender.send(mail("<next@handover>"));
        assertThat(server.getReceivedMessages()).extracting(MimeMessage::getMessageID).containsExactly("<next@handover>");
        assertThat(sender.connectionsOpened()).isEqualTo(2);
    }

    private int port() {
        return server.getSmtp().getPort();
    }

    private static GreenMail started(int port) {
        GreenMail greenMail = new GreenMail(port == 0 ? ServerSetupTest.SMTP.dynamicPort()
                : ServerSetupTest.SMTP.port(port));
        greenMail.start();
        return greenMail;
    }

    private static MimeMessage mail(String messageId) throws MessagingException {
        MimeMessage mail = new MimeMessage(Session.getInstance(new java.util.Properties()));
        mail.setFrom(new InternetAddress("handover@trust.example"));
        mail.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("hub@council.example"));
        mail.setSubject("Notice");
        mail.setText("Pathway 1");
        mail.setHeader("Message-ID", messageId);
        return mail;
    }
}
