package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.handover.support.PostgresForTests;
import org.handover.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The further parts of a long text go with their outbox message, on the migrated schema of both databases. */
class OutboxRemotePartRetentionTest {

    @Test
    void onH2() {
        partsGoWithTheirMessage(new JdbcTemplate(TestDatabase.migrated()));
    }

    @Test
    void onPostgres() {
        DataSource dataSource = new DriverManagerDataSource(PostgresForTests.newDatabase("outbox_remote_part_retention"),
                PostgresForTests.username(), PostgresForTests.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        partsGoWithTheirMessage(new JdbcTemplate(dataSource));
    }

    private static void partsGoWithTheirMessage(JdbcTemplate jdbc) {
        message(jdbc, "long-text");
        message(jdbc, "other-text");
        for (String part : new String[] {"part-2", "part-3"}) {
            jdbc.update("insert into outbox_remote_part (channel, remote_id, message_id) values ('sms', ?, 'long-text')",
                    part);
        }
        jdbc.update("insert into outbox_remote_part (channel, remote_id, message_id) values ('sms', 'part-9', 'other-text')");

        jdbc.update("delete from outbox_message where id = 'long-text'");

        assertThat(jdbc.queryForList("select remote_id from outbox_remote_part", String.class))
                .containsExactly("part-9");
        assertThatThrownBy(() -> jdbc.update("insert into outbox_remote_part (channel, remote_id, message_id)"
                + " values ('sms', 'part-4', 'no-such-message')")).isInstanceOf(DataIntegrityViolationException.class);
    }

    private static void message(JdbcTemplate jdbc, String id) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into outbox_message (id, channel, recipient, message_type, payload, status, attempts,"
                + " next_attempt_at, created_at, updated_at, sent_at, remote_id) values (?, 'sms', '+447700900123',"
                + " 'FftQuestion', 'text', 'SENT', 1, ?, ?, ?, ?, ?)", id, now, now, now, now, id + "-part-1");
    }
}
