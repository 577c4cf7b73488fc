package org.handover.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;
import org.handover.domain.StorableText;
import org.handover.quarantine.Quarantine;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.InboundMessages;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Stores every message that arrives through a channel before the sender is acknowledged; a repeat of the same
 * remote id is stored once. Workflows pick stored messages up from the {@link InboundMessageReceived} event. The
 * insert joins the ledger writer's group commit: replies arrive on the same SMPP receiver threads as the delivery
 * receipts, and one transaction for all that arrived together, instead of one per reply, saved two of the eight
 * transactions of an FFT conversation. The caller still returns only once its reply is committed.
 */
@Service
class InboundMessageStore implements InboundMessages {

    private static final Pattern SENDER = Pattern.compile("\\+?[1-9]\\d{7,14}");
    private static final int MAX_TEXT = 1_600;

    private final Quarantine quarantine;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LedgerWriter writer;

    InboundMessageStore(Quarantine quarantine, ApplicationEventPublisher events, Clock clock, LedgerWriter writer) {
        this.quarantine = quarantine;
        this.events = events;
        this.clock = clock;
        this.writer = writer;
    }

    @Override
    public void smsReceived(String fromNumber, String toNumber, String sentText, String remoteId) {
        // stored and handed on as the database keeps it, so the reply parser reads exactly what is on record
        String text = StorableText.of(sentText);
        String recipient = StorableText.of(toNumber);
        String problem = problemWith(fromNumber, text);
        if (problem != null) {
            quarantine.keep("sms", problem, "from=" + fromNumber + " to=" + recipient + " id=" + remoteId + "\n" + text);
            return;
        }
        String id = UUID.randomUUID().toString();
        writer.update((jdbc, stored) -> {
            if (stored == 1) {
                events.publishEvent(new InboundMessageReceived(id, Channel.SMS, fromNumber, text));
            }
            return stored;
        }, """
                insert into inbound_message (id, channel, sender, recipient, remote_id, body, received_at)
                select ?, ?, ?, ?, ?, ?, ?
                where not exists (select 1 from inbound_message where channel = ? and remote_id = ?)
                """, id, Channel.SMS.id(), fromNumber, recipient, StorableText.of(remoteId), text == null ? "" : text,
                Timestamp.from(clock.instant()), Channel.SMS.id(), StorableText.of(remoteId));
    }

    /** What makes an SMS unusable, or null; a reply we cannot understand is still kept, only unusable ones are not. */
    static String problemWith(String fromNumber, String text) {
        if (fromNumber == null || !SENDER.matcher(fromNumber.strip()).matches()) {
            return "Sender is not a phone number in international form (8 to 15 digits, optional leading +)";
        }
        if (text == null) {
            return "Message has no text";
        }
        if (text.length() > MAX_TEXT) {
            return "Message is longer than " + MAX_TEXT + " characters (ten concatenated SMS)";
        }
        return null;
    }

    /**
     * Published in the storing transaction (on the ledger writer's thread); listeners that start work should use
     * @TransactionalEventListener.
     */
    public record InboundMessageReceived(String id, Channel channel, String sender, String body) {
    }
}
