package org.handover.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.routes.delivery.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The messages a receipt names by the channel's remote id, looked up after the receipt is committed to tell their
 * senders. The receipts of a channel that arrive together are looked up in one query: one each was two of the eight
 * transactions of an FFT conversation. A lookup sees only committed rows, as one of its own would.
 */
@Component
class ReceiptLookups extends GroupedCalls<ReceiptLookups.RemoteId, List<ReceiptLookups.Sent>> {

    private final JdbcTemplate jdbc;

    ReceiptLookups(JdbcTemplate jdbc) {
        super("receipt-lookups", InLists.MAX);
        this.jdbc = jdbc;
    }

    /** The messages the channel knows by this remote id (one, or none when it is not ours). */
    List<Sent> messagesKnownAs(Channel channel, String remoteId) {
        return call(new RemoteId(channel, remoteId));
    }

    @Override
    protected List<Sent> alone(RemoteId remoteId) {
        return together(List.of(remoteId)).get(0);
    }

    @Override
    protected List<List<Sent>> together(List<RemoteId> remoteIds) {
        Map<RemoteId, List<Sent>> found = new LinkedHashMap<>();
        Map<Channel, List<String>> idsByChannel = new LinkedHashMap<>();
        remoteIds.forEach(r -> idsByChannel.computeIfAbsent(r.channel(), c -> new ArrayList<>()).add(r.remoteId()));
        idsByChannel.forEach((channel, ids) -> {
            List<Object> args = new ArrayList<>();
            args.add(channel.id());
            List<Object> padded = InLists.padded(ids);
            args.addAll(padded);
            jdbc.query("select id, message_type, correlation_key, attributes, remote_id from outbox_message"
                    + " where channel = ? and remote_id in (" + InLists.placeholders(padded) + ")", row -> {
                        found.computeIfAbsent(new RemoteId(channel, row.getString("remote_id")), r -> new ArrayList<>())
                                .add(new Sent(row.getString("id"), row.getString("message_type"),
                                        row.getString("correlation_key"), row.getString("attributes")));
                    }, args.toArray());
        });
        return remoteIds.stream().map(r -> found.getOrDefault(r, List.of())).toList();
    }

    record RemoteId(Channel channel, String remoteId) {
    }

    /** A message as its sender is told of it. */
    record Sent(String id, String messageType, String correlationKey, String attributes) {
    }
}
