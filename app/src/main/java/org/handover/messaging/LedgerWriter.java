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
        return write(database -> database.update(sql, args));
    }

    /**
     * Runs several statements that must see each other in the next group commit and returns their result once
     * committed. Writes run one after another on one thread, so two of them never interleave on this node.
     */
    <T> T write(LedgerWrite<T> work) {
        if (!running) {
            return transaction.execute(status -> work.applyTo(jdbc));
        }
        Write write = new Write(work, new CompletableFuture<>());
        try {
            if (!queue.offer(write, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Ledger writer is not keeping up");
            }
            @SuppressWarnings("unchecked")
            T result = (T) write.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
            return result;
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
            List<Object> results = transaction.execute(status -> {
                List<Object> done = new ArrayList<>(batch.size());
                batch.forEach(write -> done.add(write.work().applyTo(jdbc)));
                return done;
            });
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(results.get(i));
            }
        } catch (RuntimeException batchFailed) {
            // One bad write must not fail its neighbours: apply them one by one, each in its own transaction.
            log.warn("Ledger group commit of {} writes failed ({}); applying them one by one", batch.size(),
                    batchFailed.getMessage());
            for (Write write : batch) {
                try {
                    write.done().complete(transaction.execute(status -> write.work().applyTo(jdbc)));
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

    /** Statements run together in a group commit; they may run again, alone, if a neighbour fails the group. */
    @FunctionalInterface
    interface LedgerWrite<T> {
        T applyTo(JdbcTemplate jdbc);
    }

    private record Write(LedgerWrite<?> work, CompletableFuture<Object> done) {
    }
}
