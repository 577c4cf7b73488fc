package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.handover.sandbox.ShortMessage.Direction;
import org.handover.sandbox.ShortMessage.State;
import org.handover.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The simulated networks' store of short messages: bounded, with the sandbox page's totals kept true. */
class SmsStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static DataSource dataSource;
    private SmsStore store;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated();
    }

    @BeforeEach
    void empty() {
        store = new SmsStore(dataSource);
        store.deleteAll();
    }

    @Test
    void pruningKeepsTheNewestSettledMessagesAndEverythingStillOwedAndCountsWhatItLetGo() {
        store.insert(message(Direction.MT, State.FAILED));
        store.insert(message(Direction.MT, State.RECEIPT_PENDING));
        store.insert(message(Direction.MO, State.QUEUED));
        IntStream.range(0, 3_000).forEach(n -> store.insert(message(n % 3 == 0 ? Direction.MO : Direction.MT,
                n % 3 == 0 ? State.DELIVERED : n % 3 == 1 ? State.RECEIPT_SENT : State.RECEIVED)));
        List<String> newest = store.recent(1_000).stream().map(ShortMessage::id).toList();

        long pruned = store.pruneSettled(1_000);

        assertThat(pruned).isEqualTo(2_000);
        assertThat(store.recent(5_000)).hasSize(1_000 + 3);
        assertThat(store.recent(1_000)).extracting(ShortMessage::id).isEqualTo(newest);
        assertThat(store.due(NOW, 10)).extracting(ShortMessage::state)
                .containsExactly(State.RECEIPT_PENDING, State.QUEUED);
        SmsStore.Counts counts = store.counts();
        assertThat(counts.textsReceived()).isEqualTo(2 + 2_000);
        assertThat(counts.repliesSent()).isEqualTo(1 + 1_000);
        assertThat(counts.failed()).isEqualTo(1);
        assertThat(store.pruneSettled(1_000)).as("nothing more to let go").isZero();
    }

    @Test
    void thePruneReadsTheMessagesBelowTheCutBySeqNotEverySettledMessageByState() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String statement : List.of(SmsStore.COUNT_PRUNABLE, SmsStore.DELETE_PRUNABLE)) {
            String plan = jdbc.queryForObject("explain " + statement.replace("?", "1000"), String.class);
            assertThat(plan).as(statement).containsIgnoringCase("sandbox_sms_seq")
                    .doesNotContainIgnoringCase("sandbox_sms_pending");
        }
    }

    @Test
    void aMessageOwedWhenItsTurnCameGoesWithALaterPruneOnceItSettles() {
        ShortMessage owed = message(Direction.MT, State.RECEIPT_PENDING);
        store.insert(owed);
        IntStream.range(0, 1_500).forEach(n -> store.insert(message(Direction.MT, State.RECEIVED)));
        assertThat(store.pruneSettled(1_000)).isEqualTo(500);

        store.forwarded(List.of(owed), NOW);
        IntStream.range(0, 200).forEach(n -> store.insert(message(Direction.MT, State.RECEIVED)));

        assertThat(store.pruneSettled(1_000)).isEqualTo(1 + 200);
        assertThat(store.find(owed.id())).isEmpty();
        assertThat(store.recent(5_000)).hasSize(1_000);
        assertThat(store.counts().textsReceived()).isEqualTo(1 + 1_500 + 200);
    }

    @Test
    void aResetClearsThePrunedTotalsToo() {
        IntStream.range(0, 1_500).forEach(n -> store.insert(message(Direction.MT, State.RECEIVED)));

        assertThat(store.pruneSettled(1_000)).isEqualTo(500);
        assertThat(store.counts().textsReceived()).isEqualTo(1_500);

        store.deleteAll();
        assertThat(store.counts().textsReceived()).isZero();
    }

    @Test
    void messageIdsAreIssuedInOrderSoThatNewRowsGoToTheEndOfThePrimaryKey() {
        List<String> ids = IntStream.range(0, 1_000).mapToObj(n -> MessageCentre.newMessageId()).toList();

        assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9A-F]{16}"));
    }

    private static ShortMessage message(Direction direction, State state) {
        return new ShortMessage(MessageCentre.newMessageId(), direction, "+447700900123", "NHSTrust", "Text", 0, null,
                null, null, null, null, state == State.RECEIPT_PENDING, "DELIVRD", state, NOW, null, 0, null, NOW);
    }
}
