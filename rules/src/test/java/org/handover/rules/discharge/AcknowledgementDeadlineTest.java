package org.handover.rules.discharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** 48 hours, or 72 when the 48 reach into a weekend (2026-11-23 is a Monday). */
class AcknowledgementDeadlineTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest
    @CsvSource({
            "2026-11-23T09:00, 2026-11-25T09:00",   // Monday: Wednesday
            "2026-11-25T23:59, 2026-11-27T23:59",   // Wednesday night: ends Friday night, no weekend
            "2026-11-26T00:00, 2026-11-28T00:00",   // Thursday midnight: ends exactly as Saturday starts
            "2026-11-26T00:01, 2026-11-29T00:01",   // a minute later it reaches Saturday: 72 hours
            "2026-11-27T10:00, 2026-11-30T10:00",   // Friday: Monday
            "2026-11-28T10:00, 2026-12-01T10:00",   // Saturday: Tuesday
            "2026-11-29T10:00, 2026-12-02T10:00"})  // Sunday: Wednesday
    void defaultDeadlines(String sent, String due) {
        assertThat(AcknowledgementDeadline.defaults().due(at(sent))).isEqualTo(at(due));
    }

    @Test
    void councilSpecificHours() {
        assertThat(new AcknowledgementDeadline(24, 96).due(at("2026-11-27T10:00"))).isEqualTo(at("2026-12-01T10:00"));
        assertThatIllegalArgumentException().isThrownBy(() -> new AcknowledgementDeadline(48, 24));
        assertThatIllegalArgumentException().isThrownBy(() -> new AcknowledgementDeadline(0, 72));
    }

    private static ZonedDateTime at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(LONDON);
    }
}
