package org.handover.sandbox;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.handover.domain.Masking;
import org.handover.routes.delivery.Channel;
import org.handover.sandbox.Faults.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The councils' mail server: an embedded GreenMail SMTP server (SMTP only, on {@code handover.smtp.port}, loopback)
 * that takes mail for any address. Each mail is written to {@code sandbox_mail} before the sender gets its
 * {@code 250 OK}, so what the page shows survives a restart; GreenMail also keeps the most recent ones in memory.
 * A {@code social-care} fault makes it answer {@code 451} or hold the connection.
 */
class CouncilMailServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CouncilMailServer.class);
    /** GreenMail keeps every mail in memory; the database has them all, so the in-memory copy is cleared now and then. */
    private static final int PURGE_IN_MEMORY_EVERY = 1_000;

    private final String bindAddress;
    private final int port;
    private final String username;
    private final String password;
    private final CouncilMailStore store;
    private final Faults faults;
    private final Clock clock;
    private final AtomicInteger deliveredSincePurge = new AtomicInteger();
    private volatile GreenMail greenMail;
    private volatile ExecutorService housekeeping;


    CouncilMailServer(String bindAddress, int port, String username, String password, CouncilMailStore store,
            Faults faults, Clock clock) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.username = username;
        this.password = password;
        this.store = store;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        ServerSetup setup = new ServerSetup(port, bindAddress, ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        // GreenMail gives up after 2 s by default, which a machine busy with builds exceeded and the sandbox failed.
        setup.setServerStartupTimeout(30_000);
        GreenMail server = new GreenMail(setup);
        if (username == null || username.isBlank()) {
            server.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        } else {
            server.setUser(username, username, password == null ? "" : password);
        }
        MessageDeliveryHandler standard = server.getUserManager().getMessageDeliveryHandler();
        server.getUserManager().setMessageDeliveryHandler((message, address) -> deliver(message, address, standard));
        housekeeping = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sandbox-smtp-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        server.start();
        greenMail = server;
        log.info("Sandbox council mail server (SMTP) listening on {}:{}", bindAddress, port());
    }

    @Override
    public synchronized void stop() {
        if (greenMail == null) {
            return;
        }
        greenMail.stop();
        greenMail = null;
        housekeeping.shutdownNow();
        log.info("Sandbox council mail server stopped");
    }

    @Override
    public boolean isRunning() {
        return greenMail != null;
    }

    /** Starts before Camel (and stops after it), so that routes find the server there. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** The port actually listened on (useful when configured as 0). */
    int port() {
        GreenMail server = greenMail;
        return server == null ? port : server.getSmtp().getPort();
    }

    /** GreenMail's in-memory server, for callers that want the raw messages it holds. */
    Optional<GreenMail> greenMail() {
        return Optional.ofNullable(greenMail);
    }

    private GreenMailUser deliver(MovingMessage message, MailAddress address, MessageDeliveryHandler standard)
            throws MessagingException, UserException {
        Optional<Fault> fault = faults.take(Channel.SOCIAL_CARE);
        if (fault.isPresent() && fault.get().mode() == Faults.Mode.HANG) {
            log.info("Sandbox fault: holding an SMTP delivery for {}", fault.get().hangTime());
            Faults.hang(fault.get());
        }
        if (fault.isPresent() && fault.get().mode() == Faults.Mode.NO_ANSWER) {
            log.info("Sandbox fault: holding an SMTP delivery for {}, then dropping it", fault.get().hangTime());
            Faults.hang(fault.get());
            throw new MessagingException("Sandbox fault: no answer (the mail was not stored)");
        }
        if (fault.isPresent() && fault.get().mode() == Faults.Mode.SMTP_451) {
            throw new MessagingException("Sandbox fault: mail refused with 451");
        }
        try {
            String envelopeFrom = message.getReturnPath() == null ? null : message.getReturnPath().getEmail();
            ReceivedMail mail = ReceivedMail.of(UUID.randomUUID().toString(), message.getMessage(), envelopeFrom,
                    address.getEmail(), clock.instant());
            store.insert(mail, ReceivedMail.raw(message.getMessage()));
            log.debug("Council mail {} accepted for {} ({} attachment(s))", mail.messageId(),
                    Masking.maskNhsNumbers(address.getEmail()), mail.attachments().size());
        } catch (IOException e) {
            throw new MessagingException("Could not read the mail", e);
        }
        if (fault.isPresent() && fault.get().mode() == Faults.Mode.SMTP_451_AFTER_STORE) {
            throw new MessagingException("Sandbox fault: mail stored, then refused with 451");
        }
        if (deliveredSincePurge.incrementAndGet() >= PURGE_IN_MEMORY_EVERY) {
            deliveredSincePurge.set(0);
            housekeeping.execute(this::purgeInMemory);
        }
        return standard.handle(message, address);
    }

    private void purgeInMemory() {
        GreenMail server = greenMail;
        if (server != null) {
            try {
                server.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                log.warn("Could not clear GreenMail's in-memory mailboxes: {}", e.getMessage());
            }
        }
    }
}
