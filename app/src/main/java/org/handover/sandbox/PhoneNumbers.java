package org.handover.sandbox;

import java.util.Optional;

/** Mobile numbers in E.164 form ({@code +447700900123}), from what people type and what SMPP carries. */
final class PhoneNumbers {

    private static final byte TON_INTERNATIONAL = 0x01;

    private PhoneNumbers() {
    }

    /**
     * Accepts {@code +447700900123}, {@code 447700900123}, {@code 00447700900123} and the UK national
     * {@code 07700 900123}, with spaces, hyphens, dots or brackets; empty when it is not a phone number.
     */
    static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.strip().replaceAll("[\\s().-]", "");
        String digits;
        if (compact.startsWith("+")) {
            digits = compact.substring(1);
        } else if (compact.startsWith("00")) {
            digits = compact.substring(2);
        } else if (compact.startsWith("0") && compact.length() == 11) {
            digits = "44" + compact.substring(1);
        } else if (compact.startsWith("44") && compact.length() == 12) {
            digits = compact;
        } else {
            return Optional.empty();
        }
        return digits.matches("[1-9]\\d{7,14}") ? Optional.of("+" + digits) : Optional.empty();
    }

    /** A destination or source address from a PDU, in E.164 when it is a number; as given otherwise. */
    static String fromSmpp(String address, byte typeOfNumber) {
        if (address == null) {
            return "";
        }
        String compact = address.strip();
        if (typeOfNumber == TON_INTERNATIONAL && compact.matches("\\+?[1-9]\\d{7,14}")) {
            return compact.startsWith("+") ? compact : "+" + compact;
        }
        return normalise(compact).orElse(compact);
    }

    /** The digits SMPP carries for an international number (TON 1): no plus sign. */
    static String toSmpp(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
