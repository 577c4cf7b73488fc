package org.handover.fft;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves FFT conversations on: new replies first (a patient waiting for the follow-up matters most), then due
 * questions, receipts and waits that ran out. Everything it reads is in the database, so after a restart it carries
 * on where it stopped; each step is its own transaction, so one bad row does not hold up the others.
 */
@Component
class FftScheduler {

    private static final Logger log = LoggerFactory.getLogger(FftScheduler.class);
    private static final int REPLY_BATCH = 500;
    private static final long BUSY_BUDGET_NANOS = 10_000_000_000L;

    private final FftReplies replies;
    private final FftTimeline timeline;

    FftScheduler(FftReplies replies, FftTimeline timeline) {
        this.replies = replies;
        this.timeline = timeline;
    }

    @Scheduled(fixedDelayString = "${handover.fft.poll-interval:1s}", initialDelayString = "${handover.fft.poll-interval:1s}")
    void tick() {
        long until = System.nanoTime() + BUSY_BUDGET_NANOS;
        boolean more;
        do {
            List<FftReplies.Inbound> inbound = replies.unprocessed(REPLY_BATCH);
            for (FftReplies.Inbound sms : inbound) {
                guarded("reply " + sms.id(), () -> replies.handle(sms));
            }
            List<String> due = timeline.dueToSend();
            for (String id : due) {
                guarded("question " + id, () -> timeline.sendQuestion(id));
            }
            guarded("receipts", timeline::recordReceipts);
            guarded("waits", timeline::expireWaits);
            // a full batch means a backlog: carry on at once rather than sleep a poll interval
            more = inbound.size() == REPLY_BATCH || due.size() == FftTimeline.BATCH;
        } while (more && System.nanoTime() < until);
    }

    private static void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("FFT step for {} failed, will retry on the next tick: {}", what, e.toString());
        }
    }
}
