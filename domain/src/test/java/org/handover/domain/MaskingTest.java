package org.handover.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksNhsNumbersInAnyWrittenForm() {
        assertThat(Masking.maskNhsNumbers("patient 9434765919 and 943 476 5919 and 943-476-5919"))
                .isEqualTo("patient *** *** 5919 and *** *** 5919 and *** *** 5919");
    }

    @Test
    void leavesLongerDigitRunsSuchAsUbrnsAlone() {
        assertThat(Masking.maskNhsNumbers("UBRN 000123456789")).isEqualTo("UBRN 000123456789");
    }

    @Test
    void masksMobileNumbersToo() {
        assertThat(Masking.maskIdentifiers("reply from +447700900123 and 07700900456 about 9434765919"))
                .isEqualTo("reply from ******0123 and ******0456 about *** *** 5919");
    }

    @Test
    void masksAllButTheTail() {
        assertThat(Masking.maskTail("+447700900123")).isEqualTo("*********0123");
        assertThat(Masking.maskTail("12")).isEqualTo("****");
    }
}
