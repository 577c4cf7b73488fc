package org.handover.rules.fft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendingHoursTest {

    final SendingHours hours = SendingHours.defaults();

    @ParameterizedTest(name = "ended {0} -> send {1}")
    @CsvSource({
            // winter (GMT = UTC)
            "2026-01-14T10:00:00Z, 2026-01-14T12:00:00Z",   // 12:00 GMT: within hours, after the 2 h delay
            "2026-01-14T17:59:59Z, 2026-01-14T19:59:59Z",   // 19:59:59 GMT: last second of the window
            "2026-01-14T18:00:00Z, 2026-01-15T09:00:00Z",   // 20:00 GMT: window closed, next morning
            "2026-01-14T05:00:00Z, 2026-01-14T09:00:00Z",   // 07:00 GMT: wait for 09:00
            "2026-01-14T07:00:00Z, 2026-01-14T09:00:00Z",   // exactly 09:00 GMT
            "2026-01-14T23:30:00Z, 2026-01-15T09:00:00Z",   // 01:30 next day: that morning
            // summer (BST = UTC+1): the window is 08:00-19:00 UTC
            "2026-07-01T10:00:00Z, 2026-07-01T12:00:00Z",
            "2026-07-01T16:59:00Z, 2026-07-01T18:59:00Z",   // 19:59 BST
            "2026-07-01T17:00:00Z, 2026-07-02T08:00:00Z",   // 20:00 BST -> 09:00 BST next day
            "2026-07-01T04:00:00Z, 2026-07-01T08:00:00Z",   // 07:00 BST -> 09:00 BST
            // clocks go forward: Sunday 29 March 2026, 01:00 GMT becomes 02:00 BST
            "2026-03-28T22:00:00Z, 2026-03-29T08:00:00Z",   // due 00:00 GMT on the 29th -> 09:00 BST = 08:00 UTC
            "2026-03-29T06:30:00Z, 2026-03-29T08:30:00Z",   // due 09:30 BST
            "2026-03-29T17:30:00Z, 2026-03-30T08:00:00Z",   // due 19:30 UTC = 20:30 BST: closed (in UTC it would not be)
            "2026-03-29T16:59:00Z, 2026-03-29T18:59:00Z",   // due 19:59 BST
            "2026-03-28T17:59:00Z, 2026-03-28T19:59:00Z",   // Saturday, still GMT: 19:59 GMT
            // clocks go back: Sunday 25 October 2026, 02:00 BST becomes 01:00 GMT
            "2026-10-24T22:00:00Z, 2026-10-25T09:00:00Z",   // due 00:00 UTC = 01:00 BST -> 09:00 GMT = 09:00 UTC
            "2026-10-25T06:30:00Z, 2026-10-25T09:00:00Z",   // due 08:30 GMT: before 09:00 (in BST it would be 09:30)
            "2026-10-25T17:59:00Z, 2026-10-25T19:59:00Z",   // due 19:59 GMT
            "2026-10-25T18:00:00Z, 2026-10-26T09:00:00Z",   // due 20:00 GMT
            "2026-10-24T16:59:00Z, 2026-10-24T18:59:00Z",   // Saturday, still BST: 19:59 BST
            "2026-10-24T17:00:00Z, 2026-10-25T09:00:00Z",   // Saturday 20:00 BST -> Sunday 09:00 GMT (25 h later)
    })
    void sendsAfterTheDelayWithinSendingHours(Instant ended, Instant expected) {
        Instant sendAt = hours.sendAt(ended);
        assertThat(sendAt).isEqualTo(expected);
        assertThat(hours.isWithin(sendAt)).isTrue();
        assertThat(sendAt).isAfterOrEqualTo(ended.plus(Duration.ofHours(2)));
    }

    @Test
    void theDelayAndHoursAreConfigurable() {
        SendingHours custom = new SendingHours(Duration.ofMinutes(30), LocalTime.of(10, 0), LocalTime.of(18, 0),
                ZoneId.of("Europe/London"));
        assertThat(custom.sendAt(Instant.parse("2026-01-14T09:45:00Z"))).isEqualTo("2026-01-14T10:15:00Z");
        assertThat(custom.sendAt(Instant.parse("2026-01-14T17:45:00Z"))).isEqualTo("2026-01-15T10:00:00Z");
        assertThat(custom.sendAt(Instant.parse("2026-01-14T08:00:00Z"))).isEqualTo("2026-01-14T10:00:00Z");
    }

    @Test
    void aWindowStartInTheSpringGapOpensAtTheFirstRealMinute() {
        SendingHours night = new SendingHours(Duration.ZERO, LocalTime.of(1, 30), LocalTime.of(20, 0),
                ZoneId.of("Europe/London"));
        // 01:30 does not exist on 29 March 2026 in London; the window opens at 02:30 BST = 01:30 UTC
        assertThat(night.sendAt(Instant.parse("2026-03-29T00:10:00Z"))).isEqualTo("2026-03-29T01:30:00Z");
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new SendingHours(Duration.ZERO, LocalTime.of(20, 0), LocalTime.of(9, 0),
                ZoneId.of("Europe/London"))).hasMessageContaining("end after they start");
        assertThatThrownBy(() -> new SendingHours(Duration.ofHours(-1), LocalTime.of(9, 0), LocalTime.of(20, 0),
                ZoneId.of("Europe/London"))).hasMessageContaining("negative");
    }
}
