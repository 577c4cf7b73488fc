package org.handover.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What this node's relay has just put on the queues. The broker hands an envelope to a consumer as soon as the relay's
 * JMS transaction commits, a moment before its database transaction marks the row QUEUED: a consumer that read the row
 * then found it PENDING, claimed it with an update that waited for the relay's row lock and matched nothing (the
 * relay had counted the attempt), and read it again. Here the consumer waits for the relay's commit instead, and then
 * needs no read at all: the relay has just left the row QUEUED at this attempt, and nothing but this envelope's
 * delivery moves a row on from there. Each committed attempt is taken once, so a redelivered envelope is read as
 * before; one taken nowhere (its consumer on another node, or gone) is forgotten after {@link #REMEMBERED}.
 */
final class RelayInFlight {

    static final int REMEMBERED = 65_536;

    private final Map<String, CompletableFuture<Void>> publishing = new ConcurrentHashMap<>();
    private final Map<String, Integer> committed = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Called before the batch is published; {@link Batch#ended} once its database transaction has ended. */
    Batch publishing(Map<String, Integer> attemptsById) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        attemptsById.keySet().forEach(id -> publishing.put(id, ended));
        return new Batch(attemptsById, ended);
    }

    /**
     * Whether the relay here has committed this attempt of the message QUEUED and no envelope of it was taken since;
     * waits, at most {@code max}, while the relay's transaction that published it has not ended.
     */
    boolean takeCommitted(String messageId, int attempt, Duration max) {
        CompletableFuture<Void> ended = publishing.get(messageId);
        if (ended != null) {
            try {
                ended.get(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
        synchronized (committed) {
            return committed.remove(messageId, attempt);
        }
    }

    /** A batch on its way to the queues: ends once, committed or not. */
    final class Batch {

        private final Map<String, Integer> attemptsById;
        private final CompletableFuture<Void> ended;

        private Batch(Map<String, Integer> attemptsById, CompletableFuture<Void> ended) {
            this.attemptsById = attemptsById;
            this.ended = ended;
        }

        /** @param committedQueued the database committed every row of the batch QUEUED at the attempt it was sent as */
        void ended(boolean committedQueued) {
            if (committedQueued) {
                synchronized (committed) {
                    committed.putAll(attemptsById);
                }
            }
            attemptsById.keySet().forEach(id -> publishing.remove(id, ended));
            ended.complete(null);
        }
    }
}
