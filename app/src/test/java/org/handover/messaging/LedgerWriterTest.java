package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class LedgerWriterTest {

    private static final String SENT = "update outbox_message set status = 'SENT', remote_id = ? where id = ? and status = 'QUEUED'";
    private static final String DELIVERED = "update outbox_message set status = 'DELIVERED' where remote_id = ? and status = 'SENT'";

    private final ExecutorService consumers = Executors.newFixedThreadPool(24);
    private JdbcTemplate jdbc;
    private LedgerWriter writer;

    @BeforeEach
    void ledger() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table outbox_message (id varchar(64) primary key, status varchar(16), remote_id varchar(8))");
        writer = new LedgerWriter(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        writer.start();
    }

    @AfterEach
    void stop() {
        consumers.shutdownNow();
        writer.stop();
    }

    @Test
    void eachWriterGetsTheRowCountOfItsOwnChangeWhateverElseIsInTheGroup() throws Exception {
        for (int i = 0; i < 300; i++) {
            jdbc.update("insert into outbox_message values (?, ?, ?)", "m" + i, i < 200 ? "QUEUED" : "SENT",
                    i < 200 ? null : "r" + i);
        }
        List<Future<Integer>> sent = new ArrayList<>();
        List<Future<Integer>> delivered = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "m" + i;
            String remoteId = "r" + i;
            sent.add(consumers.submit(() -> writer.update(SENT, remoteId, id)));
            delivered.add(consumers.submit(() -> writer.update(DELIVERED, remoteId)));
        }
        for (int i = 0; i < 300; i++) {
            assertThat(sent.get(i).get()).as("sent m%d", i).isEqualTo(i < 200 ? 1 : 0);
            delivered.get(i).get();
        }
        for (int i = 200; i < 300; i++) {
            assertThat(delivered.get(i).get()).as("delivered m%d", i).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where status = 'QUEUED'", Integer.class))
                .isZero();
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneAndItsNeighboursAreCommitted() throws Exception {
        for (int i = 0; i < 50; i++) {
            jdbc.update("insert into outbox_message values (?, 'QUEUED', null)", "m" + i);
        }
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "m" + i;
            // remote_id holds 8 characters: the database refuses m13's
            String remoteId = i == 13 ? "far-too-long-an-id" : "r" + i;
            sent.add(consumers.submit(() -> writer.update(SENT, remoteId, id)));
        }
        for (int i = 0; i < 50; i++) {
            if (i == 13) {
                int refused = i;
                assertThatThrownBy(() -> sent.get(refused).get()).hasMessageContaining("REMOTE_ID");
            } else {
                assertThat(sent.get(i).get()).isEqualTo(1);
            }
        }
        assertThat(jdbc.queryForObject("select status from outbox_message where id = 'm13'", String.class))
                .isEqualTo("QUEUED");
        assertThat(jdbc.queryForObject("select count(*) from outbox_message where status = 'SENT'", Integer.class))
                .isEqualTo(49);
    }
}
