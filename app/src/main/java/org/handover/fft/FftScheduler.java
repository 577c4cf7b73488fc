package org.handover.fft;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves FFT conversations on: new replies first (a patient waiting for the follow-up matters most), then due
 * questions, receipts and waits that ran out. Everything it reads is in the database, so after a restart it carries
 * on where it stopped. Replies and due questions go in batches, one transaction each; a batch that fails is done
 * again one by one, each in its own transaction, so one bad row does not hold up the others.
 */
@Component
class FftScheduler {

    private static final Logger log = LoggerFactory.getLogger(FftScheduler.class);
    private static final int REPLY_BATCH = 500;
    /** Replies handled in one transaction: one commit for many, while a row lock is held for a short time only. */
    private static final int REPLIES_PER_TRANSACTION = 100;
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
            for (int from = 0; from < inbound.size(); from += REPLIES_PER_TRANSACTION) {
                handle(inbound.subList(from, Math.min(inbound.size(), from + REPLIES_PER_TRANSACTION)));
            }
            int due = sendDueQuestions();
            guarded("receipts", timeline::recordReceipts);
            guarded("waits", timeline::expireWaits);
            // a full batch means a backlog: carry on at once rather than sleep a poll interval
            more = inbound.size() == REPLY_BATCH || due == FftTimeline.BATCH;
        } while (more && System.nanoTime() < until);
    }

    private void handle(List<FftReplies.Inbound> batch) {
        try {
            replies.handleAll(batch);
        } catch (RuntimeException e) {
            log.info("FFT: a batch of {} replies failed ({}); handling them one by one", batch.size(), e.toString());
            for (FftReplies.Inbound sms : batch) {
                guarded("reply " + sms.id(), () -> replies.handle(sms));
            }
        }
    }

    private int sendDueQuestions() {
        try {
            return timeline.sendDueQuestions();
        } catch (RuntimeException e) {
            log.info("FFT: sending the due questions as one batch failed ({}); sending them one by one", e.toString());
            List<String> due = timeline.dueToSend();
            for (String id : due) {
                guarded("question " + id, () -> timeline.sendQuestion(id));
            }
            return due.size();
        }
    }

    private static void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("FFT step for {} failed, will retry on the next tick: {}", what, e.toString());
        }
    }
}
