package org.handover.routes.mail;

import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Service;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mail over one SMTP connection per consumer thread, kept open between mails, instead of camel-mail's connect,
 * EHLO, send and QUIT for every mail (a third of the mail route's CPU, and a new connection and thread for the
 * receiving server each time).
 * <ul>
 * <li>A connection idle for longer than {@link #PROBE_AFTER_IDLE_MILLIS} is probed ({@code NOOP}) before use, so a
 * connection the server has closed in the meantime is replaced instead of failing the mail.</li>
 * <li>Any failure closes the connection: the next mail opens a fresh one. The failure itself goes to the ledger,
 * which decides on retries as before; nothing is resent here.</li>
 * <li>After {@link #MAX_MAILS_PER_CONNECTION} mails the connection is replaced, as servers limit mails per session.</li>
 * </ul>
 */
final class KeptOpenMailSender extends DefaultJavaMailSender implements Service {

    static final long PROBE_AFTER_IDLE_MILLIS = 2_000;
    static final int MAX_MAILS_PER_CONNECTION = 500;
    private static final Logger LOG = LoggerFactory.getLogger(KeptOpenMailSender.class);

    private final ThreadLocal<Connection> byThread = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final long probeAfterIdleMillis;

    /** One open SMTP session; used by one thread only. */
    private static final class Connection {
        private final Transport transport;
        private long lastUsedMillis = System.currentTimeMillis();
        private int mailsSent;

        private Connection(Transport transport) {
            this.transport = transport;
        }
    }

    KeptOpenMailSender(String host, int port, String username, String password, int connectTimeoutMillis,
            int replyTimeoutMillis) {
        this(host, port, username, password, connectTimeoutMillis, replyTimeoutMillis, PROBE_AFTER_IDLE_MILLIS);
    }

    KeptOpenMailSender(String host, int port, String username, String password, int connectTimeoutMillis,
            int replyTimeoutMillis, long probeAfterIdleMillis) {
        this.probeAfterIdleMillis = probeAfterIdleMillis;
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.connectiontimeout", Integer.toString(connectTimeoutMillis));
        properties.setProperty("mail.smtp.timeout", Integer.toString(replyTimeoutMillis));
        properties.setProperty("mail.smtp.writetimeout", Integer.toString(replyTimeoutMillis));
        boolean login = username != null && !username.isBlank();
        properties.setProperty("mail.smtp.auth", Boolean.toString(login));
        setJavaMailProperties(properties);
        setHost(host);
        setPort(port);
        setProtocol("smtp");
        if (login) {
            setUsername(username);
            setPassword(password);
        }
    }

    @Override
    public void send(MimeMessage mail) throws MessagingException {
        Connection connection = connection();
        try {
            if (mail.getSentDate() == null) {
                mail.setSentDate(new Date());
            }
            // saveChanges() would replace the Message-ID, which is the idempotency key
            String messageId = mail.getMessageID();
            mail.saveChanges();
            if (messageId != null) {
                mail.setHeader("Message-ID", messageId);
            }
            connection.transport.sendMessage(mail, mail.getAllRecipients());
            connection.lastUsedMillis = System.currentTimeMillis();
            if (++connection.mailsSent >= MAX_MAILS_PER_CONNECTION) {
                discard(connection);
            }
        } catch (MessagingException | RuntimeException e) {
            discard(connection);
            throw e;
        }
    }

    private Connection connection() throws MessagingException {
        Connection connection = byThread.get();
        if (connection != null && !open.contains(connection)) {
            connection = null; // closed by stop()
        }
        if (connection != null && System.currentTimeMillis() - connection.lastUsedMillis >= probeAfterIdleMillis
                && !connection.transport.isConnected()) {
            discard(connection);
            connection = null;
        }
        if (connection == null) {
            Transport transport = getTransport(getSession());
            transport.connect(getHost(), getPort(), getUsername(), getPassword());
            connection = new Connection(transport);
            connectionsOpened.incrementAndGet();
            byThread.set(connection);
            open.add(connection);
            LOG.debug("SMTP connection to {}:{} opened for {}", getHost(), getPort(), Thread.currentThread().getName());
        }
        return connection;
    }

    private void discard(Connection connection) {
        byThread.remove();
        open.remove(connection);
        close(connection);
    }

    private void close(Connection connection) {
        try {
            connection.transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("Closing an SMTP connection to {} failed: {}", getHost(), e.getMessage());
        }
    }

    /** How many SMTP connections this sender has opened so far. */
    int connectionsOpened() {
        return connectionsOpened.get();
    }

    @Override
    public void start() {
        // connections open on first use
    }

    /** Closes every connection still open (the route is stopping). */
    @Override
    public void stop() {
        for (Connection connection : open) {
            open.remove(connection);
            close(connection);
        }
    }
}
