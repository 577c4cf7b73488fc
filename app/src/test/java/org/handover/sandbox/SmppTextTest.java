package org.handover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.handover.sandbox.SmppText.DefaultAlphabet;
import org.junit.jupiter.api.Test;

/** GSM 03.38 and the SMPP data codings, against byte values from the specifications (3GPP TS 23.038, SMPP 3.4). */
class SmppTextTest {

    @Test
    void gsmDefaultAlphabetIsReadSeptetPerOctet() {
        // @ £ $ _ are 0x00 0x01 0x02 0x11 in GSM 03.38, not their ASCII values.
        byte[] septets = {0x00, 0x01, 0x02, 0x11, 0x20, 0x41, 0x61, 0x7F, 0x5B, 0x0A};
        assertThat(GsmAlphabet.decode(septets).text()).isEqualTo("@£$_ Aaà\u00C4\n");
        assertThat(GsmAlphabet.decode(septets).invalidOctets()).isFalse();
    }

    @Test
    void extensionTableCharactersFollowTheEscape() {
        byte[] septets = {0x1B, 0x65, 0x1B, 0x28, 0x1B, 0x29, 0x1B, 0x3C, 0x1B, 0x3E, 0x1B, 0x2F, 0x1B, 0x14, 0x1B, 0x40, 0x1B, 0x3D};
        assertThat(GsmAlphabet.decode(septets).text()).isEqualTo("€{}[]\\^|~");
    }

    @Test
    void encodingRoundTripsAndCountsExtensionCharactersTwice() {
        String text = "Reply 1 (Very good) to 6; £0 cost, €? [STOP] ends @ once_ÄÖ";
        byte[] septets = GsmAlphabet.encode(text);
        assertThat(GsmAlphabet.decode(septets).text()).isEqualTo(text);
        assertThat(GsmAlphabet.encode("€")).containsExactly(0x1B, 0x65);
        assertThat(GsmAlphabet.canEncode("Zażółć")).isFalse();
        assertThatThrownBy(() -> GsmAlphabet.encode("ż")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void octetsAboveSeptetRangeAreFlaggedNotGuessed() {
        byte[] latin1 = "café £5".getBytes(StandardCharsets.ISO_8859_1);
        var decoded = SmppText.decode((byte) 0, (byte) 0, latin1, null, null, null, null, DefaultAlphabet.GSM);
        assertThat(decoded.unreadable()).isTrue();
        assertThat(decoded.text()).contains("\uFFFD");
        var asLatin1 = SmppText.decode((byte) 0, (byte) 0, latin1, null, null, null, null, DefaultAlphabet.LATIN1);
        assertThat(asLatin1.text()).isEqualTo("café £5");
        assertThat(asLatin1.unreadable()).isFalse();
    }

    @Test
    void dataCodingsOtherThanTheDefault() {
        String polish = "Zażółć gęślą jaźń 😀";
        assertThat(SmppText.decode((byte) 0x08, (byte) 0, polish.getBytes(StandardCharsets.UTF_16BE), null, null,
                null, null, DefaultAlphabet.GSM).text()).isEqualTo(polish);
        assertThat(SmppText.decode((byte) 0x03, (byte) 0, "café".getBytes(StandardCharsets.ISO_8859_1), null, null,
                null, null, DefaultAlphabet.GSM).text()).isEqualTo("café");
        assertThat(SmppText.decode((byte) 0x01, (byte) 0, "plain @".getBytes(StandardCharsets.US_ASCII), null, null,
                null, null, DefaultAlphabet.GSM).text()).isEqualTo("plain @");
        // GSM 03.38 general coding group, UCS-2 with message class 1 (0x19) and the F0 group, 7-bit (0xF1)
        assertThat(SmppText.decode((byte) 0x19, (byte) 0, "ok".getBytes(StandardCharsets.UTF_16BE), null, null,
                null, null, DefaultAlphabet.GSM).text()).isEqualTo("ok");
        assertThat(SmppText.decode((byte) 0xF1, (byte) 0, new byte[] {0x00}, null, null, null, null,
                DefaultAlphabet.GSM).text()).isEqualTo("@");
        assertThat(SmppText.decode((byte) 0x04, (byte) 0, new byte[] {0x0A, (byte) 0xFF}, null, null, null, null,
                DefaultAlphabet.GSM).text()).isEqualTo("[binary 0AFF]");
    }

    @Test
    void concatenationHeaderIsReadAndStripped() {
        byte[] text = GsmAlphabet.encode("first part");
        byte[] withHeader = new byte[6 + text.length];
        byte[] header = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01};
        System.arraycopy(header, 0, withHeader, 0, 6);
        System.arraycopy(text, 0, withHeader, 6, text.length);

        var decoded = SmppText.decode((byte) 0, (byte) SmppText.UDHI, withHeader, null, null, null, null,
                DefaultAlphabet.GSM);

        assertThat(decoded.text()).isEqualTo("first part");
        assertThat(decoded.concatReference()).isEqualTo(0x2A);
        assertThat(decoded.partNumber()).isEqualTo(1);
        assertThat(decoded.partCount()).isEqualTo(2);
    }

    @Test
    void sixteenBitReferenceSarTlvsAndMessagePayload() {
        byte[] ucs2 = "deux".getBytes(StandardCharsets.UTF_16BE);
        byte[] withHeader = new byte[7 + ucs2.length];
        System.arraycopy(new byte[] {0x06, 0x08, 0x04, 0x01, 0x02, 0x03, 0x02}, 0, withHeader, 0, 7);
        System.arraycopy(ucs2, 0, withHeader, 7, ucs2.length);
        var udh16 = SmppText.decode((byte) 8, (byte) 0x40, withHeader, null, null, null, null, DefaultAlphabet.GSM);
        assertThat(udh16.text()).isEqualTo("deux");
        assertThat(udh16.concatReference()).isEqualTo(0x0102);
        assertThat(udh16.partNumber()).isEqualTo(2);

        var sar = SmppText.decode((byte) 0, (byte) 0, GsmAlphabet.encode("b"), null, 7, 2, 2, DefaultAlphabet.GSM);
        assertThat(sar.concatReference()).isEqualTo(7);
        assertThat(sar.partCount()).isEqualTo(2);

        var payload = SmppText.decode((byte) 0, (byte) 0, new byte[0], GsmAlphabet.encode("long text"), null, null,
                null, DefaultAlphabet.GSM);
        assertThat(payload.text()).isEqualTo("long text");
        assertThat(payload.partCount()).isNull();
    }

    @Test
    void repliesAreEncodedGsmWhenTheyFitUcs2Otherwise() {
        var gsm = SmppText.encode("2 @ £", DefaultAlphabet.GSM);
        assertThat(gsm.dataCoding()).isEqualTo((byte) 0);
        assertThat(gsm.octets()).containsExactly(0x32, 0x20, 0x00, 0x20, 0x01);
        var ucs2 = SmppText.encode("Dziękuję", DefaultAlphabet.GSM);
        assertThat(ucs2.dataCoding()).isEqualTo((byte) 8);
        assertThat(new String(ucs2.octets(), StandardCharsets.UTF_16BE)).isEqualTo("Dziękuję");
        assertThat(SmppText.encode("£", DefaultAlphabet.LATIN1).octets()).containsExactly(0xA3);
    }

    @Test
    void defaultAlphabetSetting() {
        assertThat(DefaultAlphabet.of("GSM")).isEqualTo(DefaultAlphabet.GSM);
        assertThat(DefaultAlphabet.of("latin-1")).isEqualTo(DefaultAlphabet.LATIN1);
        assertThatThrownBy(() -> DefaultAlphabet.of("utf8")).hasMessageContaining("gsm or latin1");
    }

    @Test
    void phoneNumbersAreNormalisedToE164() {
        assertThat(PhoneNumbers.normalise("+44 7700 900123")).contains("+447700900123");
        assertThat(PhoneNumbers.normalise("07700 900123")).contains("+447700900123");
        assertThat(PhoneNumbers.normalise("447700900123")).contains("+447700900123");
        assertThat(PhoneNumbers.normalise("0044-7700-900123")).contains("+447700900123");
        assertThat(PhoneNumbers.normalise("hello")).isEmpty();
        assertThat(PhoneNumbers.normalise("123")).isEmpty();
        assertThat(PhoneNumbers.fromSmpp("447700900123", (byte) 1)).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.fromSmpp("07700900123", (byte) 2)).isEqualTo("+447700900123");
        assertThat(PhoneNumbers.toSmpp("+447700900123")).isEqualTo("447700900123");
    }
}
