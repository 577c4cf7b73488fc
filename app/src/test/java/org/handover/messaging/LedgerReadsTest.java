package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handover.messaging.LedgerReads.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class LedgerReadsTest {

    private final ExecutorService consumers = Executors.newFixedThreadPool(24);
    private QueryCountingLedger ledger;
    private JdbcTemplate jdbc;
    private LedgerReads reads;

    @BeforeEach
    void ledger() {
        ledger = new QueryCountingLedger("id varchar(64) primary key, status varchar(16), attempts integer");
        jdbc = ledger.jdbc();
        reads = new LedgerReads(jdbc);
    }

    @AfterEach
    void stop() {
        consumers.shutdownNow();
        reads.stop();
    }

    @Test
    void eachConsumerReadsItsOwnMessageAndMissingOnesAreEmpty() throws Exception {
        for (int i = 0; i < 300; i++) {
            jdbc.update("insert into outbox_message values (?, ?, ?)", "m" + i,
                    i % 3 == 0 ? "QUEUED" : i % 3 == 1 ? "SENT" : "FAILED", i % 7);
        }
        reads.start();

        List<Future<Optional<Progress>>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = "m" + i;
            answers.add(consumers.submit(() -> reads.progressOf(id)));
        }
        for (int i = 0; i < 300; i++) {
            DeliveryStatus status = i % 3 == 0 ? DeliveryStatus.QUEUED
                    : i % 3 == 1 ? DeliveryStatus.SENT : DeliveryStatus.FAILED;
            assertThat(answers.get(i).get()).contains(new Progress(status, i % 7));
        }
        for (int i = 300; i < 400; i++) {
            assertThat(answers.get(i).get()).isEmpty();
        }
        assertThat(ledger.queries()).isBetween(7, 400);
    }

    @Test
    void aReadAfterACommittedChangeSeesTheChange() {
        jdbc.update("insert into outbox_message values ('m1', 'PENDING', 0)");
        reads.start();
        assertThat(reads.progressOf("m1")).contains(new Progress(DeliveryStatus.PENDING, 0));

        jdbc.update("update outbox_message set status = 'QUEUED', attempts = 1 where id = 'm1'");

        assertThat(reads.progressOf("m1")).contains(new Progress(DeliveryStatus.QUEUED, 1));
        assertThat(reads.progressOf("m1").map(Progress::inFlight)).contains(true);
    }
}
