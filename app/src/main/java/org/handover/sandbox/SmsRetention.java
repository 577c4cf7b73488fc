package org.handover.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the simulated networks' store of short messages bounded: the newest {@code handover.sandbox.sms-kept}
 * settled messages stay (the sandbox page shows at most 1,000), older ones are counted and let go. Kept for ever, the
 * store outgrew H2's page cache in long benchmark runs and each message cost more than the last (ops/README.md).
 */
@SandboxOnly
@Component
class SmsRetention {

    private static final Logger log = LoggerFactory.getLogger(SmsRetention.class);

    private final SmsStore store;
    private final int kept;

    SmsRetention(SmsStore store, @Value("${handover.sandbox.sms-kept:10000}") int kept) {
        if (kept < 1_000) {
            throw new IllegalStateException("handover.sandbox.sms-kept must be at least 1000 (the sandbox page's limit)");
        }
        this.store = store;
        this.kept = kept;
    }

    @Scheduled(fixedDelayString = "${handover.sandbox.sms-prune-interval:10s}",
            initialDelayString = "${handover.sandbox.sms-prune-interval:10s}")
    void prune() {
        try {
            long pruned = store.pruneSettled(kept);
            log.debug("Sandbox SMS store: {} settled messages let go, the newest {} kept", pruned, kept);
        } catch (RuntimeException e) {
            log.warn("Sandbox SMS store could not be pruned, will retry: {}", e.toString());
        }
    }
}
