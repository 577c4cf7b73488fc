package org.handover.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.handover.domain.SyntheticData;
import org.handover.domain.SyntheticPatient;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes benchmark messages to the outbox the way process steps do: many small transactions from several threads,
 * each message addressed to a synthetic patient, practice or council. At a chosen rate the load is open-loop: each
 * transaction has its due time on a fixed schedule, whatever the backbone does, and a writer that falls behind
 * (the database is slow to commit) catches up without waiting; how far behind it fell is reported, because then the
 * rate offered was not the rate asked for.
 */
class OutboxLoad {

    private final Outbox outbox;
    private final TransactionTemplate transaction;

    OutboxLoad(Outbox outbox, TransactionTemplate transaction) {
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** When the last transaction committed, and the most any transaction started behind its due time. */
    record Written(Instant at, long maxBehindMillis) {
    }

    /**
     * Writes {@code count} messages over {@code channels} in turn, {@code perTransaction} to a transaction (a process
     * step sends one), paced to {@code ratePerSecond} (0 = flat out).
     */
    Written write(String runId, int count, List<Channel> channels, int threads, int ratePerSecond, int perTransaction)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong maxBehindNanos = new AtomicLong();
        try {
            long started = System.nanoTime();
            int batches = (count + perTransaction - 1) / perTransaction;
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    SyntheticData data = new SyntheticData(runId.hashCode() * 31L + thread);
                    for (int batch = thread; batch < batches; batch += threads) {
                        long behind = pace(started, batch * perTransaction, ratePerSecond);
                        maxBehindNanos.accumulateAndGet(behind, Math::max);
                        int first = batch * perTransaction;
                        int last = Math.min(count, first + perTransaction);
                        transaction.executeWithoutResult(status -> {
                            for (int i = first; i < last; i++) {
                                outbox.send(entry(runId, i, channels.get(i % channels.size()), data.patient()));
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return new Written(Instant.now(), maxBehindNanos.get() / 1_000_000);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for the due time of the transaction that starts with message {@code messagesSoFar}; returns how late it is. */
    private static long pace(long startedNanos, int messagesSoFar, int ratePerSecond) throws InterruptedException {
        if (ratePerSecond <= 0) {
            return 0;
        }
        long dueNanos = startedNanos + (long) messagesSoFar * 1_000_000_000L / ratePerSecond;
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            return 0;
        }
        return -wait;
    }

    /**
     * A random (version 4) UUID from the thread's own generator: {@code UUID.randomUUID()} draws on the one shared
     * SecureRandom, which a process step's id would not cost the backbone, and the load's cost is counted with it.
     */
    private static String messageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static OutboxEntry entry(String runId, int n, Channel channel, SyntheticPatient patient) {
        String correlation = runId + "-" + n;
        return switch (channel) {
            case SMS -> new OutboxEntry(messageId(), channel, patient.mobile(), "BenchText", correlation,
                    "Overall, how was your experience of our service? Reply 1 Very good, 2 Good, 3 Neither good nor"
                            + " poor, 4 Poor, 5 Very poor, 6 Don't know. Reply STOP to opt out.", Map.of());
            case GP -> new OutboxEntry(messageId(), channel, patient.gpPracticeOds() + "OT001",
                    "BenchDischargeSummary", correlation, "{\"resourceType\":\"Bundle\",\"id\":\"" + correlation + "\"}",
                    Map.of("meshWorkflowId", "TOC_FHIR_IP_DISCH", "subject", "Discharge summary"));
            case SOCIAL_CARE -> new OutboxEntry(messageId(), channel,
                    "social.care@" + patient.councilCode().toLowerCase() + ".gov.invalid", "BenchSocialCareNotice",
                    correlation, "A patient is ready for discharge on pathway 1.",
                    Map.of("subject", "Discharge to Assess notification"));
        };
    }
}
