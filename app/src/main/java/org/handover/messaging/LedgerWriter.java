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
class LedgerWriter extends GroupedCalls<LedgerWriter.Write, Integer> {

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
        return call(new Write(sql, args));
    }

    /**
     * The writes of a group come from different consumers, each waiting for its own, so no order among them is
     * promised: the writes of one statement go in one JDBC batch (one round trip), statement after statement.
     */
    @Override
    protected List<Integer> together(List<Write> writes) {
        Map<String, List<Integer>> positionsBySql = new LinkedHashMap<>();
        for (int i = 0; i < writes.size(); i++) {
            positionsBySql.computeIfAbsent(writes.get(i).sql(), sql -> new ArrayList<>()).add(i);
        }
        Integer[] counts = new Integer[writes.size()];
        transaction.executeWithoutResult(status -> positionsBySql.forEach((sql, positions) -> {
            int[] batchCounts = jdbc.batchUpdate(sql, positions.stream().map(i -> writes.get(i).args()).toList());
            for (int j = 0; j < positions.size(); j++) {
                if (batchCounts[j] < 0) {
                    // the callers act on the row count (1: the change happened); one by one, each gets its own
                    throw new IllegalStateException("The database gave no row count for a batched ledger write");
                }
                counts[positions.get(j)] = batchCounts[j];
            }
        }));
        return Arrays.asList(counts);
    }

    @Override
    protected Integer alone(Write write) {
        return transaction.execute(status -> jdbc.update(write.sql(), write.args()));
    }

    record Write(String sql, Object[] args) {
    }
}
