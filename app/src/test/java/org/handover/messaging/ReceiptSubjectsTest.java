package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handover.messaging.ReceiptSubjects.Subject;
import org.handover.routes.delivery.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class ReceiptSubjectsTest {

    private final ExecutorService receivers = Executors.newFixedThreadPool(16);
    private QueryCountingLedger ledger;
    private JdbcTemplate jdbc;
    private ReceiptSubjects subjects;

    @BeforeEach
    void ledger() {
        ledger = new QueryCountingLedger("id varchar(64) primary key, channel varchar(16), remote_id varchar(128),"
                + " message_type varchar(64), correlation_key varchar(128), attributes varchar(1000)");
        jdbc = ledger.jdbc();
        subjects = new ReceiptSubjects(jdbc);
    }

    @AfterEach
    void stop() {
        receivers.shutdownNow();
        subjects.stop();
    }

    @Test
    void eachReceiptGetsTheMessagesItsChannelKnowsByItsIdAndNoOther() throws Exception {
        for (int i = 0; i < 200; i++) {
            Channel channel = i % 2 == 0 ? Channel.SMS : Channel.GP;
            jdbc.update("insert into outbox_message values (?, ?, ?, ?, ?, ?)", "m" + i, channel.id(), "r" + i,
                    "Type" + i, "key-" + i, i % 5 == 0 ? "notifyProcess=true" : "");
        }
        subjects.start();

        List<Future<List<Subject>>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // the odd ones asked on the wrong channel: another channel's id names nothing here
            Channel asked = i % 4 == 1 ? Channel.SMS : i % 2 == 0 ? Channel.SMS : Channel.GP;
            String remoteId = "r" + i;
            answers.add(receivers.submit(() -> subjects.named(asked, remoteId)));
        }
        for (int i = 0; i < 200; i++) {
            List<Subject> expected = i % 4 == 1 ? List.of()
                    : List.of(new Subject("m" + i, "Type" + i, "key-" + i, i % 5 == 0 ? "notifyProcess=true" : ""));
            assertThat(answers.get(i).get()).as("receipt %d", i).isEqualTo(expected);
        }
        for (int i = 200; i < 300; i++) {
            assertThat(answers.get(i).get()).isEmpty();
        }
        assertThat(ledger.queries()).isLessThan(300);
    }

    @Test
    void aLookupAfterACommittedReceiptSeesTheMessageAndOneIdMayNameSeveral() {
        subjects.start();
        assertThat(subjects.named(Channel.SMS, "r1")).isEmpty();

        jdbc.update("insert into outbox_message values ('m1', 'sms', 'r1', 'BenchText', 'k1', '')");
        jdbc.update("insert into outbox_message values ('m2', 'sms', 'r1', 'BenchText', 'k2', '')");

        assertThat(subjects.named(Channel.SMS, "r1")).extracting(Subject::id).containsExactlyInAnyOrder("m1", "m2");
    }
}
