package org.handover.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The workers of the outbox relay and the encounter dispatcher: woken by commits, one at a time. */
class BackgroundWorkerTest {

    private static final int BATCH = 10;
    private static final Duration NEVER_BY_POLL = Duration.ofHours(1);

    private final AtomicInteger looks = new AtomicInteger();
    private final AtomicInteger backlog = new AtomicInteger();
    private final Set<String> threadsThatTookWork = ConcurrentHashMap.newKeySet();
    private BackgroundWorker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
    }

    /** One batch: up to BATCH items of the backlog, counted as a look at the table. */
    private int takeBatch() {
        looks.incrementAndGet();
        int taken = 0;
        while (taken < BATCH && backlog.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            taken++;
        }
        if (taken > 0) {
            threadsThatTookWork.add(Thread.currentThread().getName());
            sleep(5);
        }
        return taken;
    }

    @Test
    void aCommitWakesOneThreadNotEveryThreadForAQueryEach() throws Exception {
        worker = new BackgroundWorker("test-worker", 4, BATCH, NEVER_BY_POLL, Duration.ZERO, this::takeBatch);
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> looks.get() == 4);
        Thread.sleep(300);

        backlog.set(1);
        worker.wakeUp();
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog.get() == 0);
        Thread.sleep(500);

        assertThat(looks.get()).as("the four first looks at start, then one for the commit").isEqualTo(5);
    }

    @Test
    void aBacklogIsWorkedByMoreThanOneThread() throws Exception {
        worker = new BackgroundWorker("test-worker", 4, BATCH, NEVER_BY_POLL, Duration.ZERO, this::takeBatch);
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> looks.get() == 4);
        Thread.sleep(300);

        backlog.set(200 * BATCH);
        worker.wakeUp();
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog.get() == 0);

        assertThat(threadsThatTookWork).as("a full batch wakes another thread to help").hasSizeGreaterThan(1);
    }

    @Test
    void onlyOneThreadPollsAtRest() throws Exception {
        worker = new BackgroundWorker("test-worker", 4, BATCH, Duration.ofMillis(100), Duration.ZERO, this::takeBatch);
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> looks.get() >= 4);
        int atStart = looks.get();
        Thread.sleep(2_000);

        // one thread polling every 100 ms looks about 20 times in 2 s (fewer on a busy machine); four would look 80
        assertThat(looks.get() - atStart).as("polls in 2 s at rest").isBetween(1, 30);

        backlog.set(200 * BATCH);
        await().atMost(Duration.ofSeconds(60)).until(() -> backlog.get() == 0);
        assertThat(threadsThatTookWork).as("a poll that finds a full batch wakes the others").hasSizeGreaterThan(1);
    }

    @Test
    void atRestPollsBackOffWhileACommitOrWorkFallingDueIsStillTakenAtOnce() throws Exception {
        worker = new BackgroundWorker("test-worker", 1, BATCH, Duration.ofMillis(50), Duration.ofSeconds(5),
                Duration.ZERO, this::takeBatch);
        worker.start();
        Thread.sleep(3_000);

        // 50, 100, 200, 400, 800, 1,600 ms: six or seven looks in 3 s where a poll every 50 ms made sixty
        assertThat(looks.get()).as("looks in 3 s at rest").isBetween(3, 10);

        long started = System.nanoTime();
        backlog.set(1);
        worker.wakeUp();
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog.get() == 0);
        assertThat(millisSince(started)).as("a commit's work taken after a long rest").isLessThan(1_000);

        Thread.sleep(2_000);
        started = System.nanoTime();
        backlog.set(1);
        worker.wakeWithin(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog.get() == 0);
        assertThat(millisSince(started)).as("work falling due is looked for when it does")
                .isBetween(250L, 1_500L);
    }

    @Test
    void stoppingEndsEveryThreadEvenWhileTheyWait() {
        worker = new BackgroundWorker("test-worker", 3, BATCH, NEVER_BY_POLL, Duration.ZERO, this::takeBatch);
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> looks.get() == 3);

        worker.stop();

        assertThat(worker.isRunning()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-worker"));
        worker = null;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
