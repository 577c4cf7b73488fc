package org.handover.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.routes.delivery.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The messages that receipts name by the channel's id, read after each receipt is applied so that listeners and the
 * waiting process can be told: the receipts the message centre hands over together (a window of them, taken by
 * several receiver threads into one group commit) are looked up in one query per channel, not one round trip each.
 * A read sees only committed rows.
 */
@Component
class ReceiptSubjects extends GroupedCalls<ReceiptSubjects.RemoteKey, List<ReceiptSubjects.Subject>> {

    private final JdbcTemplate jdbc;

    ReceiptSubjects(JdbcTemplate jdbc) {
        super("receipt-subjects", InLists.MAX);
        this.jdbc = jdbc;
    }

    /** The messages (usually one) the channel knows by this id. */
    List<Subject> named(Channel channel, String remoteId) {
        return call(new RemoteKey(channel, remoteId));
    }

    @Override
    protected List<Subject> alone(RemoteKey key) {
        return together(List.of(key)).get(0);
    }

    @Override
    protected List<List<Subject>> together(List<RemoteKey> keys) {
        Map<Channel, List<String>> idsByChannel = new LinkedHashMap<>();
        keys.forEach(key -> idsByChannel.computeIfAbsent(key.channel(), channel -> new ArrayList<>()).add(key.remoteId()));
        Map<RemoteKey, List<Subject>> found = new HashMap<>();
        idsByChannel.forEach((channel, remoteIds) -> {
            List<Object> args = new ArrayList<>(List.of(InLists.padded(remoteIds)));
            args.add(0, channel.id());
            jdbc.query("""
                    select id, message_type, correlation_key, attributes, remote_id from outbox_message
                    where channel = ? and remote_id in (%s)
                    """.formatted(InLists.placeholders(remoteIds.size())), row -> {
                found.computeIfAbsent(new RemoteKey(channel, row.getString("remote_id")), key -> new ArrayList<>())
                        .add(Subject.of(row));
            }, args.toArray());
        });
        return keys.stream().map(key -> found.getOrDefault(key, List.of())).toList();
    }

    record RemoteKey(Channel channel, String remoteId) {
    }

    /** What the listeners and the process are told about a message. */
    record Subject(String id, String messageType, String correlationKey, String attributes) {

        static Subject of(ResultSet row) throws SQLException {
            return new Subject(row.getString("id"), row.getString("message_type"), row.getString("correlation_key"),
                    row.getString("attributes"));
        }
    }
}
