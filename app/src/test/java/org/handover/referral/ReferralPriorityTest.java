package org.handover.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferralPriorityTest {

    @ParameterizedTest
    @CsvSource({"routine,ROUTINE", "ROUTINE,ROUTINE", "Urgent,URGENT", "two-week-wait,TWO_WEEK_WAIT",
            "TWO_WEEK_WAIT,TWO_WEEK_WAIT", "2WW,TWO_WEEK_WAIT", "asap,TWO_WEEK_WAIT"})
    void readsEveryWayHandoverWritesIt(String text, ReferralPriority expected) {
        assertThat(ReferralPriority.of(text)).isEqualTo(expected);
        assertThat(ReferralPriority.of(expected.processValue())).isEqualTo(expected);
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> ReferralPriority.of("soonish")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHighestIsKept() {
        assertThat(ReferralPriority.highest(ReferralPriority.TWO_WEEK_WAIT, ReferralPriority.ROUTINE))
                .isEqualTo(ReferralPriority.TWO_WEEK_WAIT);
        assertThat(ReferralPriority.highest(ReferralPriority.ROUTINE, ReferralPriority.URGENT)).isEqualTo(ReferralPriority.URGENT);
        assertThat(ReferralPriority.TWO_WEEK_WAIT.fhirCode()).isEqualTo("asap");
    }
}
