package org.handover.routes.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsDataCodingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
            "Overall, how was your experience of our service? Reply 1-6 or STOP # GSM_7",
            "Café @ 10:30, £5 & 50% off! ¿Qué? Ñoño §3 ÆØÅ äöü ß # GSM_7",
            "Brackets {like} [these] ~and~ |pipes| ^ \\ # GSM_7",
            "Diolch yn fawr — Dŵr # UCS_2",
            "Thanks 😊 # UCS_2",
            "Ñandú (á is not in GSM 03.38) # UCS_2",
            "Price €5 # UCS_2",
            "Greek capital Δ # UCS_2",
            "Curly ’quotes’ # UCS_2",
            "'' # GSM_7"})
    void choosesGsm7WhenEveryCharacterFits(String text, SmsDataCoding expected) {
        assertThat(SmsDataCoding.forText(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"GSM_7, 0", "UCS_2, 8"})
    void carriesTheSmppDataCodingValue(SmsDataCoding coding, byte value) {
        assertThat(coding.value()).isEqualTo(value);
    }
}
