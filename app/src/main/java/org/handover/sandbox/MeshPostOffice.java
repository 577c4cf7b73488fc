package org.handover.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.handover.sandbox.MeshMailboxes.Mailbox;
import org.handover.sandbox.MeshMessage.Status;
import org.handover.sandbox.MeshMessage.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * What the simulated MESH does with a message once the HTTP side has checked it: puts it in the recipient's inbox,
 * or, for a mailbox it does not know, accepts it all the same and puts an error report in the sender's inbox (as real
 * MESH reports routing failures later, not in the send response). A resend with the same {@code Mex-LocalID} from the
 * same sender gets the first message's id back and is not stored twice.
 */
class MeshPostOffice {

    private static final Logger log = LoggerFactory.getLogger(MeshPostOffice.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSSSSS").withZone(ZoneOffset.UTC);

    static final String UNKNOWN_RECIPIENT_CODE = "EPL-151";
    static final String UNKNOWN_RECIPIENT_DESCRIPTION = "No mailbox matched";

    /** A message as the sender handed it over, headers already read. */
    record Outgoing(
            String to,
            String workflowId,
            String subject,
            String localId,
            String fileName,
            String contentType,
            String contentEncoding,
            String contentChecksum,
            boolean compressed,
            boolean encrypted) {
    }

    /** @param duplicate true when the same sender already sent this local id: nothing new was stored */
    record Sent(String messageId, boolean duplicate) {
    }

    private final MeshStore store;
    private final MeshMailboxes mailboxes;
    private final Clock clock;


    MeshPostOffice(MeshStore store, MeshMailboxes mailboxes, Clock clock) {
        this.store = store;
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    Sent send(Mailbox sender, Outgoing outgoing, byte[] body) {
        String key = outgoing.localId() == null ? null : sender.id() + ":" + outgoing.localId();
        if (key != null) {
            Optional<MeshMessage> earlier = store.findByIdempotencyKey(key);
            if (earlier.isPresent()) {
                log.info("MESH {} resent local id {}: same message {} returned, nothing stored",
                        sender.id(), outgoing.localId(), earlier.get().id());
                return new Sent(earlier.get().id(), true);
            }
        }
        Instant now = clock.instant();
        Optional<Mailbox> recipient = mailboxes.find(outgoing.to());
        String recipientId = recipient.map(Mailbox::id).orElse(outgoing.to().strip());
        String fileName = outgoing.fileName();
        MeshMessage message = new MeshMessage(newMessageId(), Type.DATA, sender.id(), recipientId,
                outgoing.workflowId(), outgoing.subject(), outgoing.localId(), fileName, outgoing.contentType(),
                outgoing.contentEncoding(), outgoing.contentChecksum(), outgoing.compressed(), outgoing.encrypted(),
                recipient.isPresent() ? Status.ACCEPTED : Status.UNDELIVERABLE,
                recipient.isPresent() ? "00" : UNKNOWN_RECIPIENT_CODE,
                recipient.isPresent() ? "TRANSFER" : "SEND",
                recipient.isPresent() ? "Transferred to recipient mailbox" : UNKNOWN_RECIPIENT_DESCRIPTION,
                null, now, null);
        try {
            store.inTransaction(() -> {
                store.insert(message, key, body);
                if (recipient.isEmpty()) {
                    store.insert(errorReport(message, now), null, null);
                }
                return null;
            });
        } catch (DuplicateKeyException raced) {
            // The same local id arrived twice at once; the other request stored it first.
            return store.findByIdempotencyKey(key).map(earlier -> new Sent(earlier.id(), true)).orElseThrow(() -> raced);
        }
        if (recipient.isPresent()) {
            log.debug("MESH message {} from {} to {} (workflow {}, local id {}, {} bytes)", message.id(), sender.id(),
                    recipientId, outgoing.workflowId(), outgoing.localId(), body.length);
        } else {
            log.info("MESH message {} from {} to unknown mailbox {}: accepted, error report {} put in {}'s inbox",
                    message.id(), sender.id(), recipientId, UNKNOWN_RECIPIENT_CODE, sender.id());
        }
        return new Sent(message.id(), false);
    }

    /** Marks a message in this mailbox's inbox as acknowledged; false when it is not (or no longer) waiting. */
    boolean acknowledge(Mailbox mailbox, MeshMessage message) {
        boolean done = store.acknowledge(message.id(), clock.instant());
        if (done) {
            log.debug("MESH message {} acknowledged by {}", message.id(), mailbox.id());
        }
        return done;
    }

    List<String> inbox(Mailbox mailbox, int max) {
        return store.inbox(mailbox.id(), max);
    }

    private MeshMessage errorReport(MeshMessage undelivered, Instant now) {
        String subject = undelivered.subject() == null || undelivered.subject().isBlank()
                ? "NDR" : "NDR: " + undelivered.subject();
        return new MeshMessage(newMessageId(), Type.REPORT, "", undelivered.sender(), undelivered.workflowId(),
                subject, undelivered.localId(), null, null, null, null, false, false, Status.ACCEPTED,
                UNKNOWN_RECIPIENT_CODE, "SEND", UNKNOWN_RECIPIENT_DESCRIPTION, undelivered.id(), now, null);
    }

    /** Shaped like real MESH ids: UTC time to the microsecond, underscore, six hex digits. */
    private String newMessageId() {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return ID_TIME.format(clock.instant()) + "_" + HexFormat.of().withUpperCase().formatHex(random);
    }
}
