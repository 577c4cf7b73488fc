package org.handover.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.handover.messaging.LedgerReads.Progress;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.DeliveryReceipts;
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
 * while delivering go through the {@link LedgerWriter}'s group commit; the waiting process is told afterwards.
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
    private final Clock clock;

    DeliveryLedger(JdbcTemplate jdbc, LedgerWriter writer, LedgerReads reads, DeliveryRetryPolicy retryPolicy,
            DeliveryProperties properties, DeliveryNotifications notifications, DeliveryMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.reads = reads;
        this.retryPolicy = retryPolicy;
        this.properties = properties;
        this.notifications = notifications;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The relay counted the attempt when it queued the envelope, so the usual answer takes a read, not a write: an
     * envelope for the attempt the row is in goes ahead (again, with the same idempotency key, if the broker
     * redelivers it after a crash mid-send); any other is stale or repeated and skipped.
     */
    @Override
    public Go begin(OutboundMessage message) {
        Optional<Progress> progress = progressOf(message.id());
        if (progress.filter(row -> row.inFlight() && row.attempts() == message.attempt()).isPresent()) {
            return Go.SEND;
        }
        if (progress.filter(row -> row.claimable() && row.attempts() == message.attempt() - 1).isEmpty()) {
            return Go.SKIP;
        }
        // The broker handed the envelope over before the relay's database transaction marked the row QUEUED (the
        // update below waits for that transaction), or the relay died between its two commits, or a release before
        // this one queued it without counting the attempt: claim it here.
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
        Timestamp now = now();
        int updated = writer.update("""
                update outbox_message set status = 'SENT', remote_id = ?, sent_at = ?, updated_at = ?, last_error = null
                where id = ? and status in ('QUEUED', 'SENDING') and attempts = ?
                """, remoteId, now, now, message.id(), message.attempt());
        if (updated == 1) {
            metrics.outcome(message.channel(), DeliveryStatus.SENT);
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
            Instant next = clock.instant().plus(properties.retryDelayAfter(attempts));
            writer.update("""
                    update outbox_message set status = 'FAILED', next_attempt_at = ?, last_error = ?, updated_at = ?
                    where id = ? and status in ('QUEUED', 'SENDING') and attempts = ?
                    """, Timestamp.from(next), error, now, message.id(), message.attempt());
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
        Timestamp now = now();
        receipt(channel, remoteId, """
                update outbox_message set status = 'DELIVERED', delivered_at = ?, updated_at = ?
                where channel = ? and remote_id = ? and status = 'SENT'
                """, now, DeliveryStatus.DELIVERED);
    }

    @Override
    public void undeliverable(Channel channel, String remoteId, String detail) {
        Timestamp now = now();
        int updated = writer.update("""
                update outbox_message set status = 'UNDELIVERABLE', last_error = ?, updated_at = ?
                where channel = ? and remote_id = ? and status in ('SENT', 'DELIVERED')
                """, truncate("Receiver reported: " + detail), now, channel.id(), remoteId);
        if (updated > 0) {
            metrics.outcome(channel, DeliveryStatus.UNDELIVERABLE);
            notifyProcess(channel, remoteId, DeliveryStatus.UNDELIVERABLE);
        }
    }

    /** A business acknowledgement from the recipient (e.g. an ITK response), by the id the channel gave the message. */
    @Override
    public void acknowledged(Channel channel, String remoteId) {
        receipt(channel, remoteId, """
                update outbox_message set status = 'ACKNOWLEDGED', acknowledged_at = ?, updated_at = ?
                where channel = ? and remote_id = ? and status in ('SENT', 'DELIVERED')
                """, now(), DeliveryStatus.ACKNOWLEDGED);
    }

    /** A person chose to try again: the message goes back to the relay with a fresh set of attempts. */
    @Transactional
    public boolean retryByHand(String messageId, String userId) {
        Timestamp now = now();
        return jdbc.update("""
                update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?,
                    last_error = ?
                where id = ? and status in ('DEAD', 'UNDELIVERABLE')
                """, now, now, truncate("Retried by " + userId), messageId) == 1;
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

    private void receipt(Channel channel, String remoteId, String sql, Timestamp now, DeliveryStatus status) {
        int updated = writer.update(sql, now, now, channel.id(), remoteId);
        if (updated > 0) {
            metrics.outcome(channel, status);
            notifyProcess(channel, remoteId, status);
        }
    }

    private void notifyProcess(Channel channel, String remoteId, DeliveryStatus status) {
        notifications.statusChanged(channel, remoteId, status);
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
