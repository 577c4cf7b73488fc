package org.handover.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.handover.routes.delivery.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two sides of ops/cluster/two-nodes.sh's reconciliation, one line per message, tab-separated, so that the script
 * can compare them with sort and awk: {@code GET /api/admin/bench/cluster/ledger} (a node: every outbox message with
 * its status) and {@code GET /api/admin/bench/cluster/received} (the simulators' JVM: every message the simulators
 * took). Both name a message by the key the receiver could recognise it by: MESH the {@code Mex-LocalID}, mail the
 * {@code Message-ID}, both the outbox id; SMS has no such key, so a text is named by a hash of the number and the text
 * (two equal texts to one number count as two of the same key on both sides).
 */
@RestController
@RequestMapping("/api/admin/bench/cluster")
@ConditionalOnProperty(name = "handover.bench.enabled", havingValue = "true")
class ClusterReconciliation {

    private static final String TEXT = "text/plain;charset=UTF-8";

    private final JdbcTemplate jdbc;
    private final String trustMailbox;

    ClusterReconciliation(JdbcTemplate jdbc, @Value("${handover.mesh.mailbox-id}") String trustMailbox) {
        this.jdbc = jdbc;
        this.trustMailbox = trustMailbox;
    }

    /** {@code channel key status id} for every message in the delivery ledger. */
    @GetMapping(path = "/ledger", produces = TEXT)
    String ledger() {
        StringBuilder lines = new StringBuilder();
        jdbc.query("select id, channel, recipient, payload, status from outbox_message", row -> {
            String channel = row.getString("channel");
            String key = Channel.SMS.id().equals(channel)
                    ? textKey(row.getString("recipient"), row.getString("payload"))
                    : row.getString("id");
            lines.append(channel).append('\t').append(key).append('\t').append(row.getString("status")).append('\t')
                    .append(row.getString("id")).append('\n');
        });
        return lines.toString();
    }

    /** {@code channel key} for every message the simulators in this JVM received from the trust. */
    @GetMapping(path = "/received", produces = TEXT)
    String received() {
        StringBuilder lines = new StringBuilder();
        jdbc.query("select local_id from sandbox_mesh_message where message_type = 'DATA' and sender = ?",
                row -> { line(lines, Channel.GP, row.getString("local_id")); }, trustMailbox);
        jdbc.query("select message_id from sandbox_mail",
                row -> { line(lines, Channel.SOCIAL_CARE, outboxIdOf(row.getString("message_id"))); });
        texts().forEach(text -> line(lines, Channel.SMS, text));
        return lines.toString();
    }

    private static void line(StringBuilder lines, Channel channel, String key) {
        lines.append(channel.id()).append('\t').append(key).append('\n');
    }

    /**
     * The key of every text the message centre took, its concatenated parts joined again in order. A reference is
     * one byte chosen by each sending session, so two nodes' texts share references: parts are joined per phone and
     * reference, and a part number seen again in a group starts the next text.
     */
    private List<String> texts() {
        List<String> keys = new ArrayList<>();
        Map<String, Part> open = new LinkedHashMap<>();
        jdbc.query("""
                select phone, text, concat_ref, part_number from sandbox_sms where direction = 'MT' order by seq
                """, row -> {
            String phone = row.getString("phone");
            String concat = row.getString("concat_ref");
            if (concat == null) {
                keys.add(textKey(phone, row.getString("text")));
                return;
            }
            String group = phone + "|" + concat;
            int number = row.getInt("part_number");
            Part part = open.get(group);
            if (part != null && part.numbers().contains(number)) {
                keys.add(part.key(phone));
                part = null;
            }
            if (part == null) {
                part = new Part(new TreeMap<>());
                open.put(group, part);
            }
            part.texts().put(number, row.getString("text"));
        });
        open.forEach((group, part) -> keys.add(part.key(group.substring(0, group.indexOf('|')))));
        return keys;
    }

    /** The parts of one concatenated text received so far, by part number. */
    private record Part(TreeMap<Integer, String> texts) {

        Set<Integer> numbers() {
            return texts.keySet();
        }

        String key(String phone) {
            return textKey(phone, String.join("", texts.values()));
        }
    }

    /** {@code <id@handover>} as the mail route writes it, back to the outbox id. */
    static String outboxIdOf(String messageIdHeader) {
        if (messageIdHeader == null) {
            return "(no Message-ID)";
        }
        String id = messageIdHeader.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        int at = id.lastIndexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }

    /** The same for "+44 7700 900123" and "447700900123": digits of the number, then the text. */
    static String textKey(String number, String text) {
        String digits = number == null ? "" : number.replaceAll("\\D", "").replaceFirst("^00", "");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((digits + "\n" + (text == null ? "" : text)).getBytes(StandardCharsets.UTF_8));
            return "text-" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
