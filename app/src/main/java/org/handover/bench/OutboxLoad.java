package org.handover.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.handover.domain.SyntheticData;
import org.handover.domain.SyntheticPatient;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes benchmark messages to the outbox the way process steps do: many small transactions from several threads,
 * each message addressed to a synthetic patient, practice or council.
 */
class OutboxLoad {

    private static final int MESSAGES_PER_TRANSACTION = 20;

    private final Outbox outbox;
    private final TransactionTemplate transaction;

    OutboxLoad(Outbox outbox, TransactionTemplate transaction) {
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** Writes {@code count} messages over {@code channels} in turn, paced to {@code ratePerSecond} (0 = flat out). */
    Instant write(String runId, int count, List<Channel> channels, int threads, int ratePerSecond) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            int batches = (count + MESSAGES_PER_TRANSACTION - 1) / MESSAGES_PER_TRANSACTION;
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    SyntheticData data = new SyntheticData(runId.hashCode() * 31L + thread);
                    for (int batch = thread; batch < batches; batch += threads) {
                        pace(started, batch * MESSAGES_PER_TRANSACTION, ratePerSecond);
                        int first = batch * MESSAGES_PER_TRANSACTION;
                        int last = Math.min(count, first + MESSAGES_PER_TRANSACTION);
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
            return Instant.now();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void pace(long startedNanos, int messagesSoFar, int ratePerSecond) throws InterruptedException {
        if (ratePerSecond <= 0) {
            return;
        }
        long dueNanos = startedNanos + (long) messagesSoFar * 1_000_000_000L / ratePerSecond;
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static OutboxEntry entry(String runId, int n, Channel channel, SyntheticPatient patient) {
        String correlation = runId + "-" + n;
        return switch (channel) {
            case SMS -> new OutboxEntry(UUID.randomUUID().toString(), channel, patient.mobile(), "BenchText", correlation,
                    "Overall, how was your experience of our service? Reply 1 Very good, 2 Good, 3 Neither good nor"
                            + " poor, 4 Poor, 5 Very poor, 6 Don't know. Reply STOP to opt out.", Map.of());
            case GP -> new OutboxEntry(UUID.randomUUID().toString(), channel, patient.gpPracticeOds() + "OT001",
                    "BenchDischargeSummary", correlation, "{\"resourceType\":\"Bundle\",\"id\":\"" + correlation + "\"}",
                    Map.of("meshWorkflowId", "TOC_FHIR_IP_DISCH", "subject", "Discharge summary"));
            case SOCIAL_CARE -> new OutboxEntry(UUID.randomUUID().toString(), channel,
                    "social.care@" + patient.councilCode().toLowerCase() + ".gov.invalid", "BenchSocialCareNotice",
                    correlation, "A patient is ready for discharge on pathway 1.",
                    Map.of("subject", "Discharge to Assess notification"));
        };
    }
}
