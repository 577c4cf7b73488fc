package org.handover.adt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.handover.adt.EncounterDispatch.Pending;
import org.handover.domain.Masking;
import org.handover.quarantine.Quarantine;
import org.handover.system.BackgroundWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the stored contract events to their listeners (transfer of care, Discharge to Assess, FFT) after the message
 * was acknowledged: a batch of due events is published in one transaction, so the listeners' before-commit work
 * (starting the processes) commits together with the batch being marked dispatched. A batch that fails is
 * dispatched again one event per transaction; an event that keeps failing is retried with backoff and, after the
 * last attempt, quarantined for review so it no longer holds back the events after it. Several threads and nodes
 * dispatch side by side (disjoint batches on PostgreSQL); the events of one episode go in the order received.
 */
class EncounterDispatcher implements SmartLifecycle {

    static final String QUARANTINE_SOURCE = "encounter-dispatch";
    private static final Logger log = LoggerFactory.getLogger(EncounterDispatcher.class);

    /**
     * {@code handover.adt.dispatch.*}: threads per node, events per transaction, how often to look when not woken,
     * how long to gather a batch after a wake-up, attempts before quarantine and the backoff between them.
     */
    record Settings(int threads, int batchSize, Duration pollInterval, Duration linger, int maxAttempts,
            Duration firstRetryDelay, Duration maxRetryDelay) {
    }

    private final EncounterDispatch store;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transaction;
    private final Quarantine quarantine;
    private final Settings settings;
    private final Clock clock;
    private final Timer delay;
    private final Counter dispatched;
    private final Counter retried;
    private final Counter quarantinedCount;
    private final BackgroundWorker workers;

    EncounterDispatcher(EncounterDispatch store, ApplicationEventPublisher publisher, TransactionTemplate transaction,
            Quarantine quarantine, Settings settings, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.publisher = publisher;
        this.transaction = transaction;
        this.quarantine = quarantine;
        this.settings = settings;
        this.clock = clock;
        this.delay = Timer.builder("handover.adt.dispatch.delay")
                .description("From the acknowledging transaction to the downstream processes started")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
        this.dispatched = outcome(registry, "dispatched");
        this.retried = outcome(registry, "retried");
        this.quarantinedCount = outcome(registry, "quarantined");
        this.workers = new BackgroundWorker("encounter-dispatch", settings.threads(), settings.batchSize(),
                settings.pollInterval(), settings.linger(), this::dispatchDue);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("handover.adt.dispatch.events").tag("outcome", outcome)
                .description("Hospital events handed to the downstream processes, retried, or quarantined")
                .register(registry);
    }

    /** Called after a transaction that stored events to dispatch commits. */
    void wakeUp() {
        workers.wakeUp();
    }

    /** Dispatches one batch of due events; returns how many were taken (dispatched, retried or quarantined). */
    int dispatchDue() {
        AtomicReference<List<Pending>> taken = new AtomicReference<>(List.of());
        try {
            transaction.executeWithoutResult(status -> {
                List<Pending> due = store.lockDue(settings.batchSize());
                taken.set(due);
                if (!due.isEmpty()) {
                    publish(due);
                    store.dispatched(due, clock.instant());
                }
            });
            recordDispatched(taken.get());
        } catch (RuntimeException batchFailed) {
            if (taken.get().size() > 1) {
                log.info("A batch of {} hospital events failed to dispatch ({}); dispatching them one by one",
                        taken.get().size(), Masking.maskNhsNumbers(String.valueOf(batchFailed.getMessage())));
            }
            taken.get().forEach(pending -> dispatchOne(pending.seq()));
            if (taken.get().isEmpty()) {
                throw batchFailed;
            }
        }
        return taken.get().size();
    }

    private void dispatchOne(long seq) {
        AtomicReference<List<Pending>> taken = new AtomicReference<>(List.of());
        try {
            transaction.executeWithoutResult(status -> {
                List<Pending> one = store.lockPending(seq);
                taken.set(one);
                publish(one);
                store.dispatched(one, clock.instant());
            });
            recordDispatched(taken.get());
        } catch (RuntimeException failure) {
            if (!taken.get().isEmpty()) {
                failed(seq, failure);
            }
        }
    }

    private void publish(List<Pending> batch) {
        for (Pending pending : batch) {
            pending.contractEvents().forEach(publisher::publishEvent);
        }
    }

    /** Counts the attempt on the row as it is now: another thread may have tried the same event meanwhile. */
    private void failed(long seq, RuntimeException failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        transaction.executeWithoutResult(status -> store.lockPending(seq).forEach(pending -> {
            int attempt = pending.attempts() + 1;
            if (attempt >= settings.maxAttempts()) {
                quarantine.keep(QUARANTINE_SOURCE, pending.summary() + " for episode " + pending.episodeId()
                        + " could not be handed to the downstream processes after " + attempt + " attempts: " + error,
                        pending.events());
                store.quarantined(seq, error);
                quarantinedCount.increment();
                log.error("Hospital event {} ({}) for episode {} quarantined after {} attempts",
                        pending.hospitalEventId(), pending.summary(), pending.episodeId(), attempt);
                return;
            }
            Duration wait = backoff(attempt);
            store.retryLater(seq, wait, error);
            retried.increment();
            log.warn("Hospital event {} ({}) for episode {} failed to dispatch (attempt {}), again in {}: {}",
                    pending.hospitalEventId(), pending.summary(), pending.episodeId(), attempt, wait,
                    Masking.maskNhsNumbers(error));
        }));
    }

    Duration backoff(int attempt) {
        Duration wait = settings.firstRetryDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : wait;
    }

    private void recordDispatched(List<Pending> batch) {
        Instant now = clock.instant();
        for (Pending pending : batch) {
            Duration waited = Duration.between(pending.createdAt(), now);
            delay.record(waited.isNegative() ? Duration.ZERO : waited);
        }
        dispatched.increment(batch.size());
    }

    @Override
    public void start() {
        workers.start();
    }

    @Override
    public void stop() {
        workers.stop();
    }

    @Override
    public boolean isRunning() {
        return workers.isRunning();
    }

    /** Start after the database and Camunda, stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
