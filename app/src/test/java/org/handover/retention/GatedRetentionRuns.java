package org.handover.retention;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's run records, with a gate a test closes to hold a run after its first batch, progress written: the
 * run is then running for as long as the test needs, without a sleep. Opened with a failure, the run fails there.
 */
class GatedRetentionRuns extends RetentionRuns {

    private static final long PATIENCE_SECONDS = 60;

    private volatile CountDownLatch open = new CountDownLatch(0);
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile RuntimeException failure;

    GatedRetentionRuns(JdbcTemplate jdbc, Clock clock) {
        super(jdbc, clock);
    }

    void close() {
        failure = null;
        held = new CountDownLatch(1);
        open = new CountDownLatch(1);
    }

    void awaitRunHeld() throws InterruptedException {
        if (!held.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("No retention run reached the gate");
        }
    }

    void open() {
        open.countDown();
    }

    void openWithFailure(RuntimeException failure) {
        this.failure = failure;
        open.countDown();
    }

    @Override
    void progress(String runId, Map<String, Long> deletedSoFar) {
        super.progress(runId, deletedSoFar);
        held.countDown();
        try {
            if (!open.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        RuntimeException planned = failure;
        failure = null;
        if (planned != null) {
            throw planned;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        GatedRetentionRuns gatedRetentionRuns(JdbcTemplate jdbc, Clock clock) {
            return new GatedRetentionRuns(jdbc, clock);
        }
    }
}
