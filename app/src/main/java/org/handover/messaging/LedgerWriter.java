package org.handover.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
class LedgerWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);
    private static final int MAX_BATCH = 256;
    private static final long WAIT_SECONDS = 60;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final BlockingQueue<Write> queue = new ArrayBlockingQueue<>(4_096);
    private volatile boolean running;
    private Thread worker;

    LedgerWriter(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Runs the update in the next group commit and returns its row count once committed. */
    int update(String sql, Object... args) {
        if (!running) {
            return jdbc.update(sql, args);
        }
        Write write = new Write(sql, args, new CompletableFuture<>());
        try {
            if (!queue.offer(write, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Ledger writer is not keeping up");
            }
            return write.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording a delivery", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Could not record a delivery", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Recording a delivery timed out", e);
        }
    }

    private void loop() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Write> batch) {
        try {
            List<Integer> counts = transaction.execute(status -> batch.stream()
                    .map(write -> jdbc.update(write.sql(), write.args())).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(counts.get(i));
            }
        } catch (RuntimeException batchFailed) {
            // One bad write must not fail its neighbours: apply them one by one, each in its own transaction.
            log.warn("Ledger group commit of {} writes failed ({}); applying them one by one", batch.size(),
                    batchFailed.getMessage());
            for (Write write : batch) {
                try {
                    write.done().complete(transaction.execute(status -> jdbc.update(write.sql(), write.args())));
                } catch (RuntimeException e) {
                    write.done().completeExceptionally(e);
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "ledger-writer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops after the channel routes (higher phase stops first), draining what is queued. */
    @Override
    public void stop() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private record Write(String sql, Object[] args, CompletableFuture<Integer> done) {
    }
}
