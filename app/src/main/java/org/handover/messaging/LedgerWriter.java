package org.handover.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the delivery ledger. Every channel consumer records two or three state changes per message, and
 * each would otherwise be a transaction of its own, waiting for its own flush to disk. Here the changes of all
 * consumers that arrive together are applied in one transaction; each caller still waits until its change is
 * committed, so nothing is acknowledged that is not durable.
 */
@Component
class LedgerWriter extends GroupedCalls<LedgerWriter.Write, Object> {

    private static final int MAX_GROUP = 256;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    LedgerWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
        super("ledger-writer", MAX_GROUP);
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Runs the update in the next group commit and returns its row count once committed. */
    int update(String sql, Object... args) {
        return (Integer) call(new Write(sql, args, null));
    }

    /**
     * Runs the update in the next group commit, then, in the same transaction, {@code then} with its row count; returns
     * what {@code then} returns, once committed. The updates of a group go first, then the follow-ups one after another
     * in the order they were asked for, so a follow-up sees every update of its group.
     */
    <T> T update(FollowUp<T> then, String sql, Object... args) {
        @SuppressWarnings("unchecked")
        T result = (T) call(new Write(sql, args, then));
        return result;
    }

    /** Runs {@code work} in the next group commit, after the group's updates; returns its result once committed. */
    <T> T write(FollowUp<T> work) {
        return update(work, null);
    }

    /**
     * The writes of a group come from different consumers, each waiting for its own, so no order among them is
     * promised: the writes of one statement go in one JDBC batch (one round trip), statement after statement.
     */
    @Override
    protected List<Object> together(List<Write> writes) {
        Map<String, List<Integer>> positionsBySql = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).sql() != null) {
                positionsBySql.computeIfAbsent(writes.get(i).sql(), sql -> new ArrayList<>()).add(i);
            }
        }
        Object[] counts = new Object[writes.size()];
        transaction.executeWithoutResult(status -> {
            positionsBySql.forEach((sql, positions) -> {
                int[] batchCounts = jdbc.batchUpdate(sql, positions.stream().map(i -> writes.get(i).args()).toList());
                for (int j = 0; j < positions.size(); j++) {
                    if (batchCounts[j] < 0) {
                        // the callers act on the row count (1: the change happened); one by one, each gets its own
                        throw new IllegalStateException("The database gave no row count for a batched ledger write");
                    }
                    counts[positions.get(j)] = batchCounts[j];
                }
            });
            for (int i = 0; i < writes.size(); i++) {
                Write write = writes.get(i);
                if (write.then() != null) {
                    counts[i] = write.then().after(jdbc, counts[i] == null ? 0 : (Integer) counts[i]);
                }
            }
        });
        return Arrays.asList(counts);
    }

    @Override
    protected Object alone(Write write) {
        return transaction.execute(status -> {
            int count = write.sql() == null ? 0 : jdbc.update(write.sql(), write.args());
            return write.then() == null ? count : write.then().after(jdbc, count);
        });
    }

    /** More statements after an update, in its transaction; may run again, alone, if a neighbour fails the group. */
    @FunctionalInterface
    interface FollowUp<T> {
        T after(JdbcTemplate jdbc, int rowCount);
    }

    record Write(String sql, Object[] args, FollowUp<?> then) {
    }
}
