package org.handover.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.handover.quarantine.Quarantine;
import org.handover.routes.delivery.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Receipts that came back before the ledger recorded their message as sent. A message centre may send the delivery
 * receipt the moment it has answered submit_sm, while the "sent" status is still on its way to the database; the
 * receipt then matches nothing. It is kept in {@code early_receipt} and applied, in the order receipts arrived, in the
 * same ledger write that records the message as sent. Both run on the {@link LedgerWriter}'s one thread, so on one node
 * they cannot miss each other; a sweep applies what another node kept, or what was kept before a restart, and
 * quarantines a receipt that no message claimed within {@code handover.delivery.early-receipt-hold}.
 */
@Component
class EarlyReceipts {

    static final String QUARANTINE_SOURCE = "delivery-receipt";
    private static final Logger log = LoggerFactory.getLogger(EarlyReceipts.class);
    private static final int SWEEP_BATCH = 200;
    private static final int RECENT_PARTS = 65_536;
    private static final Set<String> BEFORE_SENT = Set.of("PENDING", "QUEUED", "SENDING", "FAILED");

    private final LedgerWriter writer;
    private final DeliveryNotifications notifications;
    private final DeliveryMetrics metrics;
    private final Quarantine quarantine;
    private final Clock clock;
    private final Duration hold;
    /** Keys of receipts this node kept: only a message named here costs a look at the table when it is sent. */
    private final Set<String> keptHere = ConcurrentHashMap.newKeySet();
    /** Ids of parts other than the first, recorded lately here: their receipts need no query (the table has them all). */
    private final Map<String, Boolean> recentParts = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_PARTS;
        }
    };

    EarlyReceipts(LedgerWriter writer, DeliveryNotifications notifications, DeliveryMetrics metrics,
            Quarantine quarantine, Clock clock,
            @Value("${handover.delivery.early-receipt-hold:1h}") Duration hold) {
        this.writer = writer;
        this.notifications = notifications;
        this.metrics = metrics;
        this.quarantine = quarantine;
        this.clock = clock;
        this.hold = hold;
    }

    /**
     * Inside a ledger write, for a receipt that changed nothing: keeps it when its message may not be recorded as sent
     * yet. A receipt for a message already past "sent" is a repeat or came out of order, and changes nothing.
     */
    void keepIfEarly(JdbcTemplate jdbc, Receipt receipt) {
        boolean early = receipt.messageId() != null
                ? jdbc.queryForList("select status from outbox_message where id = ?", String.class, receipt.messageId())
                        .stream().anyMatch(BEFORE_SENT::contains)
                : jdbc.queryForObject("""
                        select (select count(*) from outbox_message where channel = ? and remote_id = ?)
                             + (select count(*) from outbox_remote_part where channel = ? and remote_id = ?)
                        """, Integer.class, receipt.channel().id(), receipt.remoteId(), receipt.channel().id(),
                        receipt.remoteId()) == 0;
        if (!early) {
            return;
        }
        jdbc.update("""
                insert into early_receipt (channel, remote_id, message_id, outcome, detail, received_at)
                values (?, ?, ?, ?, ?, ?)
                """, receipt.channel().id(), receipt.remoteId(), receipt.messageId(), receipt.outcome().name(),
                clip(receipt.detail()), Timestamp.from(clock.instant()));
        keptHere.add(key(receipt.channel(), receipt.remoteId(), receipt.messageId()));
        metrics.earlyReceiptKept(receipt.channel());
        log.info("Receipt {} for {} message {} came before it was recorded as sent; kept until it is",
                receipt.outcome(), receipt.channel().id(), receipt.remoteId() != null ? receipt.remoteId()
                        : receipt.messageId());
    }

    /**
     * Inside the ledger write that recorded a message taken in parts as sent: records the other parts' ids, so that
     * their receipts are known for what they are, and drops what was kept of them.
     */
    void partsSent(JdbcTemplate jdbc, Channel channel, String messageId, List<String> otherPartIds) {
        if (otherPartIds.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into outbox_remote_part (channel, remote_id, message_id) values (?, ?, ?)",
                otherPartIds.stream().map(part -> new Object[] {channel.id(), part, messageId}).toList());
        for (String part : otherPartIds) {
            String key = key(channel, part, null);
            synchronized (recentParts) {
                recentParts.put(key, Boolean.TRUE);
            }
            if (keptHere.remove(key)) {
                jdbc.update("delete from early_receipt where channel = ? and remote_id = ?", channel.id(), part);
            }
        }
    }

    /** A receipt for a part other than the first of a message this node recorded lately: nothing to do. */
    boolean isOtherPart(Receipt receipt) {
        if (receipt.remoteId() == null) {
            return false;
        }
        synchronized (recentParts) {
            return recentParts.containsKey(key(receipt.channel(), receipt.remoteId(), null));
        }
    }

    /** Inside the ledger write that recorded the message as sent: applies what was kept for it, in arrival order. */
    List<Receipt> applyKept(JdbcTemplate jdbc, Channel channel, String remoteId, String messageId) {
        String byRemote = key(channel, remoteId, null);
        String byMessage = key(channel, null, messageId);
        if (!keptHere.contains(byRemote) && !keptHere.contains(byMessage)) {
            return List.of();
        }
        List<Kept> kept = jdbc.query("""
                select id, channel, remote_id, message_id, outcome, detail, received_at from early_receipt
                where (channel = ? and remote_id = ?) or message_id = ? order by id
                """, EarlyReceipts::kept, channel.id(), remoteId, messageId);
        List<Receipt> applied = apply(jdbc, kept, messageId);
        keptHere.remove(byRemote);
        keptHere.remove(byMessage);
        return applied;
    }

    /** Tells the waiting process and the metrics of receipts applied, after their write committed. */
    void announce(List<Receipt> applied) {
        for (Receipt receipt : applied) {
            metrics.outcome(receipt.channel(), receipt.outcome());
            notifications.statusChanged(receipt.messageId(), receipt.outcome());
        }
    }

    /** Applies what another node kept, or what was kept before a restart; quarantines what nothing claimed. */
    @Scheduled(fixedDelayString = "${handover.delivery.early-receipt-sweep:10s}", initialDelay = 5_000)
    void sweep() {
        Instant staleBefore = clock.instant().minus(hold);
        List<Kept> stale = new ArrayList<>();
        List<Receipt> applied = writer.write((jdbc, none) -> {
            List<Receipt> done = new ArrayList<>();
            for (Kept kept : jdbc.query("""
                    select id, channel, remote_id, message_id, outcome, detail, received_at from early_receipt
                    order by id fetch first %d rows only
                    """.formatted(SWEEP_BATCH), EarlyReceipts::kept)) {
                String messageId = messageOf(jdbc, kept.receipt());
                if (messageId != null) {
                    done.addAll(apply(jdbc, List.of(kept), messageId));
                } else if (isOtherPartInTable(jdbc, kept.receipt())) {
                    jdbc.update("delete from early_receipt where id = ?", kept.id());
                } else if (kept.receivedAt().isBefore(staleBefore)) {
                    stale.add(kept);
                }
            }
            return done;
        });
        announce(applied);
        for (Kept kept : stale) {
            Receipt receipt = kept.receipt();
            quarantine.keep(QUARANTINE_SOURCE, "Receipt " + receipt.outcome() + " for " + receipt.channel().id()
                    + " message " + (receipt.remoteId() != null ? receipt.remoteId() : receipt.messageId())
                    + ": no message Handover sent claimed it within " + hold, receipt.detail());
            writer.update("delete from early_receipt where id = ?", kept.id());
        }
    }

    /** The message a kept receipt names, once the ledger has it as sent (or later); null while it has not. */
    private static String messageOf(JdbcTemplate jdbc, Receipt receipt) {
        if (receipt.messageId() != null) {
            List<String> status = jdbc.queryForList("select status from outbox_message where id = ?", String.class,
                    receipt.messageId());
            return status.isEmpty() || BEFORE_SENT.contains(status.get(0)) ? null : receipt.messageId();
        }
        return jdbc.queryForList("select id from outbox_message where channel = ? and remote_id = ?", String.class,
                receipt.channel().id(), receipt.remoteId()).stream().findFirst().orElse(null);
    }

    private static boolean isOtherPartInTable(JdbcTemplate jdbc, Receipt receipt) {
        return receipt.remoteId() != null && jdbc.queryForObject(
                "select count(*) from outbox_remote_part where channel = ? and remote_id = ?", Integer.class,
                receipt.channel().id(), receipt.remoteId()) > 0;
    }

    private List<Receipt> apply(JdbcTemplate jdbc, List<Kept> kept, String messageId) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Receipt> applied = new ArrayList<>();
        for (Kept one : kept) {
            Receipt receipt = one.receipt().forMessage(messageId);
            if (receipt.applyTo(jdbc, now) == 1) {
                applied.add(receipt);
            }
            jdbc.update("delete from early_receipt where id = ?", one.id());
        }
        return applied;
    }

    private static String key(Channel channel, String remoteId, String messageId) {
        return remoteId != null ? channel.id() + "|" + remoteId : "message|" + messageId;
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private static Kept kept(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        return new Kept(row.getLong("id"), new Receipt(Channel.fromId(row.getString("channel")),
                row.getString("remote_id"), row.getString("message_id"),
                DeliveryStatus.valueOf(row.getString("outcome")), row.getString("detail")),
                row.getTimestamp("received_at").toInstant());
    }

    private record Kept(long id, Receipt receipt, Instant receivedAt) {
    }
}
