package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.handover.routes.delivery.Channel;
import org.handover.support.MutableClock;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private final MutableClock clock = new MutableClock();
    private final Faults faults = new Faults(Duration.ofSeconds(60), clock);

    @Test
    void aFaultSetForSomeSecondsHitsEveryRequestUntilThenAndClearsItself() {
        faults.set("gp", "http-500", null, null, 60);

        assertThat(faults.take(Channel.GP)).hasValueSatisfying(f -> assertThat(f.mode()).isEqualTo(Faults.Mode.HTTP_500));
        clock.advance(Duration.ofSeconds(59));
        assertThat(faults.take(Channel.GP)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(faults.take(Channel.GP)).isEmpty();
        assertThat(faults.current()).isEmpty();
    }

    @Test
    void noAnswerAppliesToEveryChannelWithItsHoldTime() {
        for (String channel : new String[] {"gp", "social-care", "sms"}) {
            faults.set(channel, "no-answer", null, 45, 120);
        }
        assertThat(faults.current()).hasSize(3).allSatisfy(fault -> {
            assertThat(fault.mode()).isEqualTo(Faults.Mode.NO_ANSWER);
            assertThat(fault.hangTime()).isEqualTo(Duration.ofSeconds(45));
            assertThat(fault.until()).isBetween(clock.instant().plusSeconds(110), clock.instant().plusSeconds(120));
        });
    }

    @Test
    void aFaultCountedOutKeepsItsEnd() {
        faults.set("sms", "smpp-throttled", 2, null, 30);
        faults.take(Channel.SMS);
        assertThat(faults.current()).singleElement().satisfies(fault -> {
            assertThat(fault.remaining()).isEqualTo(1);
            assertThat(fault.until()).isNotNull();
        });
    }

    @Test
    void aLookupFaultHitsEndpointLookupsOnlyAndASendFaultSendsOnly() {
        faults.set("gp", "lookup-503", 1, null, null);
        assertThat(faults.take(Channel.GP)).isEmpty();
        assertThat(faults.takeLookup()).hasValueSatisfying(f -> assertThat(f.mode()).isEqualTo(Faults.Mode.LOOKUP_503));
        assertThat(faults.current()).isEmpty();

        faults.set("gp", "http-503", 1, null, null);
        assertThat(faults.takeLookup()).isEmpty();
        assertThat(faults.take(Channel.GP)).isPresent();
    }

    @Test
    void forSecondsOutOfRangeIsRefusedWithAMessage() {
        assertThatThrownBy(() -> faults.set("gp", "hang", null, null, 0))
                .hasMessageContaining("forSeconds must be between 1 and 3600");
    }
}
