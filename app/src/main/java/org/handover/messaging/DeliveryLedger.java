package org.handover.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.handover.messaging.LedgerReads.Progress;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.DeliveryErrors;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.DeliveryReceipts.ReceiptKind;
import org.handover.routes.delivery.OutboundMessage;
import org.handover.rules.delivery.DeliveryFailure;
import org.handover.rules.delivery.DeliveryRetryPolicy;
import org.handover.rules.delivery.RetryDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery ledger's state changes, as the channel routes and receipts drive them. Every change is a conditional
 * update on the current status, so a late, repeated or stale event cannot move a message backwards. Changes made
 * while delivering go through the {@link LedgerWriter}'s group commit; the waiting process is told afterwards. A
 * receipt that comes back before its message is recorded as sent is kept, not dropped ({@link EarlyReceipts}).
 */
@Service
class DeliveryLedger implements DeliveryAttempts, DeliveryReceipts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLedger.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcTemplate jdbc;
    private final LedgerWriter writer;
    private final LedgerReads reads;
    private final DeliveryRetryPolicy retryPolicy;
    private final DeliveryProperties properties;
    private final DeliveryNotifications notifications;
    private final DeliveryMetrics metrics;
    private final EarlyReceipts earlyReceipts;
    private final OutboxRelay relay;
    private final Clock clock;

    DeliveryLedger(JdbcTemplate jdbc, LedgerWriter writer, LedgerReads reads, DeliveryRetryPolicy retryPolicy,
            DeliveryProperties properties, DeliveryNotifications notifications, DeliveryMetrics metrics,
            EarlyReceipts earlyReceipts, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.reads = reads;
        this.retryPolicy = retryPolicy;
        this.properties = properties;
        this.notifications = notifications;
        this.metrics = metrics;
        this.earlyReceipts = earlyReceipts;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * The relay counted the attempt when it queued the envelope, so the usual answer takes no write: an envelope this
     * node's relay has just queued goes ahead without a read (once: see {@link RelayInFlight}); otherwise, an envelope
     * for the attempt the row is in goes ahead (again, with the same idempotency key, if the broker redelivers it after
     * a crash mid-send); any other is stale or repeated and skipped.
     */
    @Override
    public Go begin(OutboundMessage message) {
        if (relay.justQueued(message.id(), message.attempt())) {
            return Go.SEND;
        }
        Optional<Progress> progress = progressOf(message.id());
        if (progress.filter(row -> row.inFlight() && row.attempts() == message.attempt()).isPresent()) {
            return Go.SEND;
        }
        if (progress.filter(row -> row.claimable() && row.attempts() == message.attempt() - 1).isEmpty()) {
            return Go.SKIP;
        }
        // Another node's relay is between its JMS and database commits (the update below waits for its transaction;
        // this node's relay was waited for above), or the relay died between them, or a release before this one
        // queued it without counting the attempt: claim it here.
        Timestamp now = now();
        int claimed = writer.update("""
                update outbox_message set status = 'QUEUED', attempts = attempts + 1, queued_at = ?, updated_at = ?
                where id = ? and status in ('PENDING', 'FAILED', 'QUEUED') and attempts = ?
                """, now, now, message.id(), message.attempt() - 1);
        boolean inFlightNow = claimed == 1 || progressOf(message.id())
                .filter(row -> row.inFlight() && row.attempts() == message.attempt()).isPresent();
        return inFlightNow ? Go.SEND : Go.SKIP;
    }

    @Override
    public void succeeded(OutboundMessage message, String remoteId) {
        succeeded(message, remoteId, List.of());
    }

    /** Records the message as sent and, in the same write, applies any receipt that came back before this did. */
    @Override
    public void succeeded(OutboundMessage message, String remoteId, List<String> otherPartIds) {
        Timestamp now = now();
        List<Receipt> early = writer.update((database, updated) -> {
            if (updated != 1) {
                return null;
            }
            earlyReceipts.partsSent(database, message.channel(), message.id(), otherPartIds);
            return earlyReceipts.applyKept(database, message.channel(), remoteId, message.id());
        }, """
                update outbox_message set status = 'SENT', remote_id = ?, sent_at = ?, updated_at = ?, last_error = null
                where id = ? and status in ('QUEUED', 'SENDING') and attempts = ?
                """, remoteId, now, now, message.id(), message.attempt());
        if (early != null) {
            metrics.outcome(message.channel(), DeliveryStatus.SENT);
            earlyReceipts.announce(early);
        }
    }

    @Override
    public AfterFailure failed(OutboundMessage message, String errorCode, String errorText) {
        int attempts = message.attempt();
        RetryDecision decision = retryPolicy.decide(
                new DeliveryFailure(message.channel().id(), errorCode, attempts, properties.maxAttempts()));
        String error = truncate(errorCode + ": " + errorText + " | " + decision.reason());
        Timestamp now = now();
        if (decision.action() == RetryDecision.Action.RETRY) {
            Instant next = clock.instant().plus(outcomeUnknown(message, errorCode)
                    ? properties.retryDelayAfterNoAnswer(attempts) : properties.retryDelayAfter(attempts));
            writer.update("""
                    update outbox_message set status = 'FAILED', next_attempt_at = ?, last_error = ?, updated_at = ?
                    where id = ? and status in ('QUEUED', 'SENDING') and attempts = ?
                    """, Timestamp.from(next), error, now, message.id(), message.attempt());
            relay.wakeAt(next);
            metrics.outcome(message.channel(), DeliveryStatus.FAILED);
            log.info("Delivery {} on {} failed (attempt {}), retry at {}: {}", message.id(), message.channel().id(),
                    attempts, next, errorCode);
            return AfterFailure.RETRY_SCHEDULED;
        }
        writer.update("""
                update outbox_message set status = 'DEAD', last_error = ?, updated_at = ?
                where id = ? and status in ('QUEUED', 'SENDING') and attempts = ?
                """, error, now, message.id(), message.attempt());
        metrics.outcome(message.channel(), DeliveryStatus.DEAD);
        log.warn("Delivery {} on {} dead-lettered after {} attempt(s): {}", message.id(), message.channel().id(),
                attempts, errorCode);
        return AfterFailure.DEAD_LETTERED;
    }

    @Override
    public void delivered(Channel channel, String remoteId, String detail) {
        receipt(Receipt.byRemoteId(channel, remoteId, DeliveryStatus.DELIVERED, detail));
    }

    @Override
    public void undeliverable(Channel channel, String remoteId, String detail) {
        receipt(Receipt.byRemoteId(channel, remoteId, DeliveryStatus.UNDELIVERABLE, detail));
    }

    /** A business acknowledgement from the recipient (e.g. an ITK response), by the id the channel gave the message. */
    @Override
    public void acknowledged(Channel channel, String remoteId) {
        receipt(Receipt.byRemoteId(channel, remoteId, DeliveryStatus.ACKNOWLEDGED, null));
    }

    /** A receipt that names the message by our id, as an ITK response does: it may come before the "sent" status. */
    @Override
    public void receivedForMessage(Channel channel, String messageId, ReceiptKind kind, String detail) {
        receipt(Receipt.byMessageId(channel, messageId, DeliveryStatus.valueOf(kind.name()), detail));
    }

    /** A person chose to try again: the message goes back to the relay with a fresh set of attempts. */
    @Transactional
    public boolean retryByHand(String messageId, String userId) {
        Timestamp now = now();
        boolean retried = jdbc.update("""
                update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?,
                    last_error = ?
                where id = ? and status in ('DEAD', 'UNDELIVERABLE')
                """, now, now, truncate("Retried by " + userId), messageId) == 1;
        if (retried) {
            relay.wakeUpAfterCommit();
        }
        return retried;
    }

    /** A person chose not to send it; the reason stays in the ledger. */
    @Transactional
    public boolean abandon(String messageId, String userId, String reason) {
        int updated = jdbc.update("""
                update outbox_message set status = 'ABANDONED', updated_at = ?, last_error = ?
                where id = ? and status in ('DEAD', 'UNDELIVERABLE', 'FAILED', 'PENDING')
                """, now(), truncate("Abandoned by " + userId + ": " + reason), messageId);
        if (updated == 1) {
            notifications.statusChanged(messageId, DeliveryStatus.ABANDONED);
        }
        return updated == 1;
    }

    /** Applies the receipt, or keeps it when its message is not recorded as sent yet; tells the process after. */
    private void receipt(Receipt receipt) {
        if (earlyReceipts.isOtherPart(receipt)) {
            return;
        }
        Timestamp now = now();
        boolean applied = writer.update((database, updated) -> {
            // a receipt whose update went before its message's "sent" in the same group tries again after it
            if (updated > 0 || receipt.applyTo(database, now) > 0) {
                return true;
            }
            if (!earlyReceipts.isOtherPart(receipt)) {
                earlyReceipts.keepIfEarly(database, receipt);
            }
            return false;
        }, receipt.sql(), receipt.arguments(now));
        if (applied) {
            metrics.outcome(receipt.channel(), receipt.outcome());
            if (receipt.messageId() != null) {
                notifications.statusChanged(receipt.messageId(), receipt.outcome());
            } else {
                notifications.statusChanged(receipt.channel(), receipt.remoteId(), receipt.outcome());
            }
        }
    }

    /**
     * A text or mail handed over whole without an answer may have been taken: their receivers cannot recognise a
     * resend (MESH can, by its local id), so the resend waits (hazard log H08).
     */
    private static boolean outcomeUnknown(OutboundMessage message, String errorCode) {
        return DeliveryErrors.NO_ANSWER.equals(errorCode)
                && (message.channel() == Channel.SMS || message.channel() == Channel.SOCIAL_CARE);
    }

    private Optional<Progress> progressOf(String id) {
        return reads.progressOf(id);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
