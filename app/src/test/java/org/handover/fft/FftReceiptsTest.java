package org.handover.fft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.handover.messaging.DeliveryStatus;
import org.junit.jupiter.api.Test;

/** What the ledger tells FFT of its texts, and what the scheduler takes of it, without Spring. */
class FftReceiptsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final FftReceipts receipts = new FftReceipts(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void keepsTheFinalWordOnQuestionsOnlyInTheOrderHeard() {
        receipts.statusChanged("fft-c1-question", FftOutgoing.QUESTION, "c1", DeliveryStatus.DELIVERED);
        receipts.statusChanged("fft-c2-follow-up", FftOutgoing.FOLLOW_UP, "c2", DeliveryStatus.DELIVERED);
        receipts.statusChanged("referral-letter", "ReferralLetter", "ubrn-1", DeliveryStatus.DELIVERED);
        receipts.statusChanged("fft-c3-question", FftOutgoing.QUESTION, null, DeliveryStatus.DELIVERED);
        receipts.statusChanged("fft-c4-question", FftOutgoing.QUESTION, "c4", DeliveryStatus.UNDELIVERABLE);

        assertThat(receipts.take(10)).containsExactly(
                new FftReceipts.Receipt("c1", DeliveryStatus.DELIVERED, NOW),
                new FftReceipts.Receipt("c4", DeliveryStatus.UNDELIVERABLE, NOW));
        assertThat(receipts.take(10)).isEmpty();
    }

    @Test
    void takesAtMostTheBatchAskedForAndLeavesTheRestForTheNextTick() {
        for (int i = 0; i < 5; i++) {
            receipts.statusChanged("fft-c" + i + "-question", FftOutgoing.QUESTION, "c" + i, DeliveryStatus.DELIVERED);
        }
        assertThat(receipts.take(3)).extracting(FftReceipts.Receipt::conversationId).containsExactly("c0", "c1", "c2");
        assertThat(receipts.take(3)).extracting(FftReceipts.Receipt::conversationId).containsExactly("c3", "c4");
    }
}
