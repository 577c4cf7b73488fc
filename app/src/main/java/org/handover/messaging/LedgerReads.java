package org.handover.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each message is, read for every envelope before it is delivered, by all channel consumers at once: the reads
 * that arrive together go to the database as one query, not one round trip each. A read sees only committed rows, as
 * a read of its own would.
 */
@Component
class LedgerReads extends GroupedCalls<String, Optional<LedgerReads.Progress>> {

    private final JdbcTemplate jdbc;

    LedgerReads(JdbcTemplate jdbc) {
        super("ledger-reads", InLists.MAX);
        this.jdbc = jdbc;
    }

    Optional<Progress> progressOf(String messageId) {
        return call(messageId);
    }

    @Override
    protected Optional<Progress> alone(String messageId) {
        return together(List.of(messageId)).get(0);
    }

    @Override
    protected List<Optional<Progress>> together(List<String> ids) {
        Map<String, Progress> found = new HashMap<>();
        jdbc.query("select id, status, attempts from outbox_message where id in (" + InLists.placeholders(ids.size())
                + ")", row -> {
                    found.put(row.getString(1), new Progress(DeliveryStatus.valueOf(row.getString(2)), row.getInt(3)));
                }, InLists.padded(ids));
        return ids.stream().map(id -> Optional.ofNullable(found.get(id))).toList();
    }

    /** Where a message is and how many attempts have been counted. */
    record Progress(DeliveryStatus status, int attempts) {

        /** On the queue or being delivered (SENDING: rows written before the relay counted attempts). */
        boolean inFlight() {
            return status == DeliveryStatus.QUEUED || status == DeliveryStatus.SENDING;
        }

        /** Can take the attempt after the one counted: relayable, or queued by a release that did not count it. */
        boolean claimable() {
            return DeliveryStatus.RELAYABLE.contains(status) || status == DeliveryStatus.QUEUED;
        }
    }
}
