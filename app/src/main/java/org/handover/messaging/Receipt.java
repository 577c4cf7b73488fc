package org.handover.messaging;

import java.sql.Timestamp;
import org.handover.routes.delivery.Channel;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a receiver reported about a message, named either by the id the channel gave it or by our own id (an ITK
 * response names the message it answers). Applying it is a conditional update, so that a late, repeated or stale
 * receipt cannot move a message backwards.
 *
 * @param remoteId  the channel's id for the message, or null when {@code messageId} names it
 * @param messageId our id for the message, or null when {@code remoteId} names it
 * @param outcome   DELIVERED, UNDELIVERABLE or ACKNOWLEDGED
 */
record Receipt(Channel channel, String remoteId, String messageId, DeliveryStatus outcome, String detail) {

    private static final int MAX_ERROR_LENGTH = 1000;

    static Receipt byRemoteId(Channel channel, String remoteId, DeliveryStatus outcome, String detail) {
        return new Receipt(channel, remoteId, null, outcome, detail);
    }

    static Receipt byMessageId(Channel channel, String messageId, DeliveryStatus outcome, String detail) {
        return new Receipt(channel, null, messageId, outcome, detail);
    }

    /** The same receipt, for the message now known by our id. */
    Receipt forMessage(String id) {
        return new Receipt(channel, remoteId, id, outcome, detail);
    }

    /** Moves the message on if its status allows; the number of rows changed (0 or 1). */
    int applyTo(JdbcTemplate jdbc, Timestamp now) {
        return jdbc.update(sql(), arguments(now));
    }

    /** The conditional update that applies it: one statement per outcome and key, so a group commit can batch them. */
    String sql() {
        String set = switch (outcome) {
            case DELIVERED -> "status = 'DELIVERED', delivered_at = ?";
            case ACKNOWLEDGED -> "status = 'ACKNOWLEDGED', acknowledged_at = ?";
            case UNDELIVERABLE -> "status = 'UNDELIVERABLE', last_error = ?";
            default -> throw new IllegalStateException(outcome + " is not a receipt");
        };
        String from = outcome == DeliveryStatus.DELIVERED ? "status = 'SENT'" : "status in ('SENT', 'DELIVERED')";
        String key = messageId != null ? "id = ?" : "channel = ? and remote_id = ?";
        return "update outbox_message set " + set + ", updated_at = ? where " + key + " and " + from;
    }

    Object[] arguments(Timestamp now) {
        Object first = outcome == DeliveryStatus.UNDELIVERABLE ? receiverReported() : now;
        return messageId != null ? new Object[] {first, now, messageId}
                : new Object[] {first, now, channel.id(), remoteId};
    }

    private String receiverReported() {
        String text = "Receiver reported: " + detail;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
