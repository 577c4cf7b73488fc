package org.handover.sandbox;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table, in SMPP's unpacked form: one septet per
 * octet, extension characters as the escape {@code 0x1B} followed by their code.
 */
final class GsmAlphabet {

    static final char REPLACEMENT = '\uFFFD';
    private static final int ESCAPE = 0x1B;

    /** Code point i of the default alphabet is BASIC.charAt(i); index 0x1B is the escape. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final char[] EXTENSION = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("GSM default alphabet must have 128 code points, has " + BASIC.length());
        }
        EXTENSION[0x0A] = '\f';
        EXTENSION[0x14] = '^';
        EXTENSION[0x28] = '{';
        EXTENSION[0x29] = '}';
        EXTENSION[0x2F] = '\\';
        EXTENSION[0x3C] = '[';
        EXTENSION[0x3D] = '~';
        EXTENSION[0x3E] = ']';
        EXTENSION[0x40] = '|';
        EXTENSION[0x65] = '€';
    }

    /** Decoded text, and whether any octet was not a septet (above 0x7F). */
    record Decoded(String text, boolean invalidOctets) {
    }

    private GsmAlphabet() {
    }

    static Decoded decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        boolean invalid = false;
        for (int i = 0; i < septets.length; i++) {
            int code = septets[i] & 0xFF;
            if (code > 0x7F) {
                invalid = true;
                text.append(REPLACEMENT);
            } else if (code == ESCAPE) {
                if (i + 1 >= septets.length) {
                    text.append(' ');
                    continue;
                }
                int extended = septets[++i] & 0xFF;
                if (extended > 0x7F) {
                    invalid = true;
                    text.append(REPLACEMENT);
                } else if (EXTENSION[extended] != 0) {
                    text.append(EXTENSION[extended]);
                } else {
                    // 23.038: an unknown extension shows as the default-alphabet character.
                    text.append(extended == ESCAPE ? ' ' : BASIC.charAt(extended));
                }
            } else {
                text.append(BASIC.charAt(code));
            }
        }
        return new Decoded(text.toString(), invalid);
    }

    static boolean canEncode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || (BASIC.indexOf(c) < 0 && extensionCode(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** Unpacked septets; throws IllegalArgumentException for a character outside the alphabet. */
    static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int extended = extensionCode(c);
            if (extended < 0) {
                throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                        + " is not in the GSM 03.38 alphabet");
            }
            out.write(ESCAPE);
            out.write(extended);
        }
        return out.toByteArray();
    }

    private static int extensionCode(char c) {
        for (int i = 0; i < EXTENSION.length; i++) {
            if (EXTENSION[i] == c && c != 0) {
                return i;
            }
        }
        return -1;
    }
}
