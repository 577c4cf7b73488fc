package org.handover.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Mail the simulated council mail server accepted, in table {@code sandbox_mail}. */
@SandboxOnly
@Component
class CouncilMailStore {

    /** A stored mail; {@code duplicate} when the same recipient already had a mail with this Message-ID. */
    record Stored(ReceivedMail mail, boolean duplicate) {
    }

    private static final int MAX_TEXT = 1_000_000;

    private final JdbcTemplate jdbc;

    CouncilMailStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    void insert(ReceivedMail mail, byte[] raw) {
        jdbc.update("insert into sandbox_mail (id, message_id, mail_from, recipient, subject, body, attachments, raw,"
                        + " received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                mail.id(), clip(mail.messageId(), 998), clip(mail.from(), 998), clip(mail.recipient(), 320),
                clip(mail.subject(), 998), clip(mail.body(), MAX_TEXT), clip(String.join("\n", mail.attachments()), 2000),
                raw, MeshStore.timestamp(mail.receivedAt()));
    }

    /** Newest first. */
    List<Stored> recent(int limit) {
        return jdbc.query("select m.*, (select count(*) from sandbox_mail e where e.message_id = m.message_id"
                + " and e.recipient = m.recipient and e.seq < m.seq) as earlier from sandbox_mail m order by m.seq desc",
                ps -> ps.setMaxRows(limit), CouncilMailStore::stored);
    }

    /** The mail as received, or null when there is no mail with this id. */
    byte[] raw(String id) {
        return jdbc.query("select raw from sandbox_mail where id = ?", rs -> rs.next() ? rs.getBytes("raw") : null, id);
    }

    long count() {
        Long count = jdbc.queryForObject("select count(*) from sandbox_mail", Long.class);
        return count == null ? 0 : count;
    }

    /** Mails that arrived again with a Message-ID the same recipient already had. */
    long duplicates() {
        Long count = jdbc.queryForObject("select count(*) from sandbox_mail m where exists (select 1 from sandbox_mail e"
                + " where e.message_id = m.message_id and e.recipient = m.recipient and e.seq < m.seq)", Long.class);
        return count == null ? 0 : count;
    }

    void deleteAll() {
        jdbc.update("delete from sandbox_mail");
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        String attachments = rs.getString("attachments");
        ReceivedMail mail = new ReceivedMail(rs.getString("id"), rs.getString("message_id"), rs.getString("mail_from"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                attachments == null || attachments.isEmpty() ? List.of() : Arrays.asList(attachments.split("\n")),
                MeshStore.instant(rs.getTimestamp("received_at")));
        return new Stored(mail, rs.getLong("earlier") > 0);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
