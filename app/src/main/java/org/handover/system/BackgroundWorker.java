package org.handover.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.handover.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Threads that take batches of work from a table: each runs {@code batch} again at once while it returns a full
 * batch, and otherwise sleeps until {@link #wakeUp()} (called after a commit that added work) or the poll interval
 * (which also picks up retries whose backoff has passed). Used by the outbox relay, the encounter dispatcher and the
 * CHC letters' GP copies.
 * A commit wakes one thread, not all: the first would take the work and the others would each pay a query that
 * finds none (four threads made eight dispatch queries of every discharge, A01 and A03). A thread that takes a full
 * batch wakes another, so a backlog is still worked by every thread. Only the first thread polls: the others wait
 * for a wake-up (four dispatch threads polling every 500 ms made eight queries and transactions a second at rest), and a
 * poll that finds a full batch wakes them as a commit would. With an idle interval longer than the poll interval, each
 * poll that finds nothing doubles the wait before the next, up to the idle interval, and a poll that finds work starts
 * again from the poll interval; work known to fall due later ({@link #wakeWithin}) is looked for when it does.
 */
public final class BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWorker.class);
    private static final long NOTHING_DUE = Long.MAX_VALUE;

    private final String name;
    private final int threads;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration idleInterval;
    private final Duration linger;
    private final IntSupplier batch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition pollerWake = lock.newCondition();
    private final AtomicLong dueAtNanos = new AtomicLong(NOTHING_DUE);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean woken;
    /** Set (under the lock) when the polling thread is wanted now: a commit or a full batch while no other waits. */
    private boolean pollerNudged;
    private volatile boolean running;

    /**
     * @param batch  does one batch and returns how many items it took
     * @param linger how long to wait after a wake-up before the next batch, so that one can gather (zero: none)
     */
    public BackgroundWorker(String name, int threads, int batchSize, Duration pollInterval, Duration linger,
            IntSupplier batch) {
        this(name, threads, batchSize, pollInterval, pollInterval, linger, batch);
    }

    /** @param idleInterval the longest wait between polls that find nothing (at least the poll interval) */
    public BackgroundWorker(String name, int threads, int batchSize, Duration pollInterval, Duration idleInterval,
            Duration linger, IntSupplier batch) {
        this.name = name;
        this.threads = threads;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.idleInterval = idleInterval.compareTo(pollInterval) > 0 ? idleInterval : pollInterval;
        this.linger = linger;
        this.batch = batch;
    }

    public void wakeUp() {
        woken = true;
        signalOne();
    }

    /** Work will fall due after {@code delay} (a retry's backoff): the polling thread looks for it then. */
    public void wakeWithin(Duration delay) {
        long at = System.nanoTime() + Math.max(0, delay.toNanos());
        dueAtNanos.accumulateAndGet(at, (due, next) -> due == NOTHING_DUE || next - due < 0 ? next : due);
        lock.lock();
        try {
            pollerWake.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a thread once the caller's transaction commits (at once when there is none): it added work. */
    public void wakeUpAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp();
                }
            });
        } else {
            wakeUp();
        }
    }

    private void loop(boolean polls) {
        long idleWait = pollInterval.toMillis();
        while (running) {
            if (polls) {
                forgetWhatIsDueNow();
            }
            int taken = 0;
            boolean failed = false;
            try {
                taken = batch.getAsInt();
            } catch (RuntimeException e) {
                failed = true;
                log.warn("{} failed, will try again: {}", name, Masking.maskNhsNumbers(String.valueOf(e.getMessage())));
            }
            long pollWait = pollInterval.toMillis();
            if (taken == 0 && !failed) {
                pollWait = idleWait;
                idleWait = Math.min(idleWait * 2, idleInterval.toMillis());
            } else {
                idleWait = pollInterval.toMillis();
            }
            if (taken >= batchSize) {
                signalOne();
            } else if (awaitWakeUp(polls, pollWait)) {
                lingerForMore();
            }
        }
    }

    /** Wakes a waiting thread, if any, to take the next batch at once: one that does not poll, else the poller. */
    private void signalOne() {
        lock.lock();
        try {
            if (lock.hasWaiters(wake)) {
                wake.signal();
            } else if (lock.hasWaiters(pollerWake)) {
                pollerNudged = true;
                pollerWake.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void forgetWhatIsDueNow() {
        long now = System.nanoTime();
        dueAtNanos.updateAndGet(due -> due != NOTHING_DUE && due - now <= 0 ? NOTHING_DUE : due);
    }

    private long millisUntilDue() {
        long due = dueAtNanos.get();
        return due == NOTHING_DUE ? Long.MAX_VALUE
                : Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime() + 999_999));
    }

    /**
     * Waits for a commit that added work, or (the polling thread) {@code pollWait} or until work falls due; true when
     * a commit woke it.
     */
    private boolean awaitWakeUp(boolean polls, long pollWait) {
        lock.lock();
        try {
            if (!woken && running) {
                if (polls) {
                    long pollAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollWait);
                    // a signal from wakeWithin only shortens the wait
                    while (!woken && !pollerNudged && running) {
                        long wait = Math.min(TimeUnit.NANOSECONDS.toMillis(pollAt - System.nanoTime()),
                                millisUntilDue());
                        if (wait <= 0) {
                            break;
                        }
                        pollerWake.await(wait, TimeUnit.MILLISECONDS);
                    }
                    pollerNudged = false;
                } else {
                    wake.await();
                }
            }
            boolean byCommit = woken;
            woken = false;
            return byCommit;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Work is committed one item at a time: taken at once, each would cost a transaction of its own. A short wait
     * lets the commits of the next few milliseconds go in the same batch.
     */
    private void lingerForMore() {
        if (linger.isZero() || !running) {
            return;
        }
        try {
            Thread.sleep(linger.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public void start() {
        running = true;
        for (int i = 0; i < threads; i++) {
            boolean polls = i == 0;
            Thread worker = new Thread(() -> loop(polls), threads == 1 ? name : name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    public void stop() {
        running = false;
        lock.lock();
        try {
            wake.signalAll();
            pollerWake.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    public boolean isRunning() {
        return running;
    }
}
