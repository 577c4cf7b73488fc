package org.handover.sandbox;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads and writes the text of SMPP v3.4 short messages: the data coding scheme (SMPP's own values 0-15 and the
 * GSM 03.38 coding groups above), the user data header of concatenated messages (esm_class UDHI) and the SAR and
 * message_payload TLVs that carry the same things outside the short message.
 */
final class SmppText {

    /** How the message centre reads data_coding 0, the "SMSC default alphabet". */
    enum DefaultAlphabet {
        /** GSM 03.38, one septet per octet (what the air interface carries). */
        GSM,
        /** ISO-8859-1 octets (what some aggregators take). */
        LATIN1;

        static DefaultAlphabet of(String setting) {
            String value = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT).replace("-", "");
            return switch (value) {
                case "gsm", "gsm7", "gsm0338" -> GSM;
                case "latin1", "iso88591" -> LATIN1;
                default -> throw new IllegalArgumentException(
                        "handover.sandbox.smsc-default-alphabet must be gsm or latin1, not '" + setting + "'");
            };
        }
    }

    private enum Coding { GSM, ASCII, LATIN1, CYRILLIC, HEBREW, UCS2, BINARY }

    /**
     * A short message's text.
     *
     * @param concatReference reference shared by the parts of one concatenated message; null for a single message
     * @param partNumber      this part's number from 1; null for a single message
     * @param partCount       how many parts; null for a single message
     * @param unreadable      true when octets did not fit the data coding (shown as U+FFFD)
     */
    record Decoded(String text, Integer concatReference, Integer partNumber, Integer partCount, boolean unreadable) {
    }

    /** Text ready for a deliver_sm. */
    record Encoded(byte dataCoding, byte[] octets) {
    }

    static final int UDHI = 0x40;
    private static final Charset CYRILLIC = Charset.forName("ISO-8859-5");
    private static final Charset HEBREW = Charset.forName("ISO-8859-8");

    private SmppText() {
    }

    /**
     * @param sarReference  sar_msg_ref_num TLV, or null
     * @param sarTotal      sar_total_segments TLV, or null
     * @param sarSequence   sar_segment_seqnum TLV, or null
     * @param payload       message_payload TLV, used when the short message is empty; or null
     */
    static Decoded decode(byte dataCoding, byte esmClass, byte[] shortMessage, byte[] payload, Integer sarReference,
            Integer sarTotal, Integer sarSequence, DefaultAlphabet defaultAlphabet) {
        byte[] octets = shortMessage == null || shortMessage.length == 0
                ? (payload == null ? new byte[0] : payload) : shortMessage;
        Integer reference = sarReference;
        Integer total = sarTotal;
        Integer sequence = sarSequence;
        if ((esmClass & UDHI) != 0 && octets.length > 0) {
            int headerLength = octets[0] & 0xFF;
            int end = Math.min(octets.length, 1 + headerLength);
            int i = 1;
            while (i + 1 < end) {
                int iei = octets[i] & 0xFF;
                int length = octets[i + 1] & 0xFF;
                if (i + 1 + length >= end) {
                    break;
                }
                if (iei == 0x00 && length == 3) {
                    reference = octets[i + 2] & 0xFF;
                    total = octets[i + 3] & 0xFF;
                    sequence = octets[i + 4] & 0xFF;
                } else if (iei == 0x08 && length == 4) {
                    reference = ((octets[i + 2] & 0xFF) << 8) | (octets[i + 3] & 0xFF);
                    total = octets[i + 4] & 0xFF;
                    sequence = octets[i + 5] & 0xFF;
                }
                i += 2 + length;
            }
            octets = Arrays.copyOfRange(octets, end, octets.length);
        }
        boolean concatenated = reference != null && total != null && sequence != null && total > 1;
        String text;
        boolean unreadable = false;
        switch (coding(dataCoding & 0xFF, defaultAlphabet)) {
            case GSM -> {
                GsmAlphabet.Decoded gsm = GsmAlphabet.decode(octets);
                text = gsm.text();
                unreadable = gsm.invalidOctets();
            }
            case ASCII -> {
                text = new String(octets, StandardCharsets.US_ASCII);
                unreadable = text.indexOf(GsmAlphabet.REPLACEMENT) >= 0;
            }
            case LATIN1 -> text = new String(octets, StandardCharsets.ISO_8859_1);
            case CYRILLIC -> text = new String(octets, CYRILLIC);
            case HEBREW -> text = new String(octets, HEBREW);
            case UCS2 -> {
                text = new String(octets, StandardCharsets.UTF_16BE);
                unreadable = octets.length % 2 != 0;
            }
            default -> text = "[binary " + HexFormat.of().withUpperCase().formatHex(octets) + "]";
        }
        return concatenated ? new Decoded(text, reference, sequence, total, unreadable)
                : new Decoded(text, null, null, null, unreadable);
    }

    /** GSM 03.38 (or Latin-1, as the default alphabet is read) when every character fits, UCS-2 otherwise. */
    static Encoded encode(String text, DefaultAlphabet defaultAlphabet) {
        if (defaultAlphabet == DefaultAlphabet.GSM && GsmAlphabet.canEncode(text)) {
            return new Encoded((byte) 0x00, GsmAlphabet.encode(text));
        }
        if (defaultAlphabet == DefaultAlphabet.LATIN1 && StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            return new Encoded((byte) 0x00, text.getBytes(StandardCharsets.ISO_8859_1));
        }
        return new Encoded((byte) 0x08, text.getBytes(StandardCharsets.UTF_16BE));
    }

    /** SMPP 3.4 section 5.2.19 for 0x00-0x0F; GSM 03.38 coding groups above. */
    private static Coding coding(int dcs, DefaultAlphabet defaultAlphabet) {
        Coding smscDefault = defaultAlphabet == DefaultAlphabet.GSM ? Coding.GSM : Coding.LATIN1;
        if (dcs <= 0x0F) {
            return switch (dcs) {
                case 0x00 -> smscDefault;
                case 0x01 -> Coding.ASCII;
                case 0x03 -> Coding.LATIN1;
                case 0x06 -> Coding.CYRILLIC;
                case 0x07 -> Coding.HEBREW;
                case 0x08 -> Coding.UCS2;
                default -> Coding.BINARY;
            };
        }
        if ((dcs & 0xC0) == 0x00) {
            // General data coding group: bit 5 = compressed, bits 3-2 = alphabet.
            if ((dcs & 0x20) != 0) {
                return Coding.BINARY;
            }
            return switch ((dcs >> 2) & 0x03) {
                case 0 -> Coding.GSM;
                case 2 -> Coding.UCS2;
                default -> Coding.BINARY;
            };
        }
        if ((dcs & 0xF0) == 0xF0) {
            return (dcs & 0x04) != 0 ? Coding.BINARY : Coding.GSM;
        }
        if ((dcs & 0xF0) == 0xC0 || (dcs & 0xF0) == 0xD0) {
            return Coding.GSM;
        }
        if ((dcs & 0xF0) == 0xE0) {
            return Coding.UCS2;
        }
        return Coding.BINARY;
    }
}
