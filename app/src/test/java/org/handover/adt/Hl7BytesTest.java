package org.handover.adt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hl7BytesTest {

    @Test
    void namesTheSegmentAndFieldOfTheFirstBytesThatAreNotUtf8() {
        byte[] message = ("MSH|^~\\&|PAS|RX1|HANDOVER|RX1|20261203101500||ADT^A01^ADT_A01|X|P|2.5\r"
                + "PID|1||9434765919^^^NHS||Sm?th").getBytes(StandardCharsets.UTF_8);
        message[message.length - 3] = (byte) 0xFF;
        assertThatThrownBy(() -> Hl7Bytes.requireUtf8(message)).isInstanceOfSatisfying(RefusedEvent.class, refused -> {
            assertThat(refused.field()).isEqualTo("PID-5");
            assertThat(refused.reject()).isFalse();
            assertThat(refused.getMessage()).contains("offset " + (message.length - 3));
        });
        assertThat(Hl7Bytes.text(message)).endsWith("Sm\uFFFDth");
        assertThat(Hl7Bytes.forReview(message)).endsWith("Sm\u00FFth");
        assertThat(Hl7Bytes.forReview(message).getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(message);
        String utf8 = "PID|1||9434765919^^^NHS||Beyonc\u00e9";
        assertThat(Hl7Bytes.forReview(utf8.getBytes(StandardCharsets.UTF_8))).isEqualTo(utf8);
    }

    @Test
    void countsMshFromTheFieldSeparator() {
        assertThat(Hl7Bytes.fieldAt("MSH|^~\\&|PAS|")).isEqualTo("MSH-4");
        assertThat(Hl7Bytes.fieldAt("MSH|^~\\&|PAS|RX1\rEVN|A01|")).isEqualTo("EVN-2");
        assertThat(Hl7Bytes.fieldAt("PI")).isEqualTo("PI");
    }

    @Test
    void utf8IsTaken() {
        Hl7Bytes.requireUtf8("PID|1||9434765919^^^NHS||Beyonc\u00e9".getBytes(StandardCharsets.UTF_8));
        Hl7Bytes.requireUtf8(null);
    }
}
