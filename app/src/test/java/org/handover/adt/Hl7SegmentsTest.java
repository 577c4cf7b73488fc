package org.handover.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Hl7SegmentsTest {

    private static final String MSH = "MSH|^~\\&|PAS|RX1|HANDOVER|RX1|20261203101500||ADT^A01^ADT_A01|X|P|2.5";
    private static final String PV1 = "PV1|1|I|Ward 7||||||||||||||||EP-1234";
    private static final String STANDARD = MSH + "\r" + PV1 + "\r";

    @Test
    void theStandardFormIsLeftAsItIs() {
        assertThat(Hl7Segments.normalised(STANDARD)).isEqualTo(STANDARD);
    }

    @Test
    void aLastSegmentWithoutItsCarriageReturnGetsOne() {
        assertThat(Hl7Segments.normalised(MSH + "\r" + PV1)).isEqualTo(STANDARD);
    }

    @Test
    void crLfAndLfEndSegmentsAsCrDoes() {
        assertThat(Hl7Segments.normalised(MSH + "\r\n" + PV1 + "\r\n")).isEqualTo(STANDARD);
        assertThat(Hl7Segments.normalised(MSH + "\n" + PV1 + "\n")).isEqualTo(STANDARD);
        assertThat(Hl7Segments.normalised(MSH + "\n" + PV1)).isEqualTo(STANDARD);
        assertThat(Hl7Segments.normalised(MSH + "\r\n" + PV1 + "\r")).isEqualTo(STANDARD);
    }

    @Test
    void blankLinesAndWhatComesBeforeMshAreLeftOut() {
        assertThat(Hl7Segments.normalised("\uFEFF\r\n" + MSH + "\r\r" + PV1 + "\r\n\r\n  \r\n")).isEqualTo(STANDARD);
        assertThat(Hl7Segments.normalised(MSH + "\n\n" + PV1 + "\n \t\n")).isEqualTo(STANDARD);
    }

    @Test
    void nulsAfterTheLastSegmentOrOnALineOfTheirOwnAreDropped() {
        assertThat(Hl7Segments.normalised(STANDARD + "\0")).isEqualTo(STANDARD);
        assertThat(Hl7Segments.normalised(MSH + "\r" + PV1 + "\0\0")).isEqualTo(STANDARD);
        assertThat(Hl7Segments.normalised(MSH + "\r\0\r" + PV1 + "\r\n\0\r\n")).isEqualTo(STANDARD);
    }

    @Test
    void aNulInsideASegmentIsRefusedNamingTheFieldAndOffset() {
        String received = MSH + "\r\nPID|1||9434765919^^^NHS||Sm\0ith\r\n" + PV1 + "\r\n";
        int offset = received.indexOf('\0');
        assertThatThrownBy(() -> Hl7Segments.normalised(received))
                .isInstanceOfSatisfying(RefusedEvent.class, refused -> {
                    assertThat(refused.field()).isEqualTo("PID-5");
                    assertThat(refused.reject()).isFalse();
                    assertThat(refused.code()).isEqualTo(RefusedEvent.ErrorCode.DATA_TYPE_ERROR);
                    assertThat(refused.getMessage()).isEqualTo("PID-5: a NUL byte at offset " + offset
                            + " of the message, inside PID-5: HL7 v2 text holds no NUL; send the field without it");
                });
    }

    @Test
    void theOffsetOfANulCountsBytesNotCharacters() {
        String received = MSH + "\rPID|1||9434765919^^^NHS||Beyonc\u00e9\0\r" + PV1;
        assertThatThrownBy(() -> Hl7Segments.normalised(received))
                .isInstanceOfSatisfying(RefusedEvent.class, refused -> assertThat(refused.getMessage())
                        .contains("offset " + (received.indexOf('\0') + 1)));
    }
}
