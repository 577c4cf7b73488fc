package org.handover.routes.sms;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The SMPP data coding for a text: the SMSC default alphabet (GSM 03.38, 7-bit) when every character is in it,
 * UCS-2 otherwise.
 * <p>
 * camel-smpp carries default-alphabet text as ISO-8859-1 octets (its {@code encoding}), as most SMSCs and
 * aggregators expect; the few GSM characters outside ISO-8859-1 (the Greek capitals and the euro sign) therefore go
 * as UCS-2 too, so that no character is ever replaced by {@code ?} on the way.
 */
public enum SmsDataCoding {

    GSM_7((byte) 0x00),
    UCS_2((byte) 0x08);

    /** GSM 03.38 basic character set (the escape character excluded). */
    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** GSM 03.38 extension table: each costs two septets. */
    static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    private final byte value;

    SmsDataCoding(byte value) {
        this.value = value;
    }

    /** The SMPP {@code data_coding} (and camel-smpp alphabet) value. */
    public byte value() {
        return value;
    }

    public static SmsDataCoding forText(String text) {
        if (text == null || text.isEmpty()) {
            return GSM_7;
        }
        CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean gsm = GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0;
            if (!gsm || !latin1.canEncode(c)) {
                return UCS_2;
            }
        }
        return GSM_7;
    }
}
