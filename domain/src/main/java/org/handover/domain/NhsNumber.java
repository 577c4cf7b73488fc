package org.handover.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A valid NHS number: ten digits whose last is a Modulus 11 check digit.
 * Accepts the usual written forms ("943 476 5919", "943-476-5919") and refuses anything else
 * with a reason the sender can act on.
 */
public final class NhsNumber {

    public static final String FHIR_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String TEST_RANGE_PREFIX = "999";

    private final String digits;

    private NhsNumber(String digits) {
        this.digits = digits;
    }

    /** Parses and validates; throws {@link InvalidNhsNumberException} with the exact problem. */
    public static NhsNumber of(String text) {
        return new NhsNumber(validDigits(text));
    }

    /** Parses and validates; empty instead of an exception. */
    public static Optional<NhsNumber> tryParse(String text) {
        try {
            return Optional.of(of(text));
        } catch (InvalidNhsNumberException e) {
            return Optional.empty();
        }
    }

    public static boolean isValid(String text) {
        return tryParse(text).isPresent();
    }

    /** Appends the check digit to nine digits; empty when no valid number exists for them (check digit 10). */
    public static Optional<NhsNumber> withCheckDigit(String nineDigits) {
        if (nineDigits == null || nineDigits.length() != 9 || !allDigits(nineDigits)) {
            throw new IllegalArgumentException("Nine digits expected");
        }
        int check = checkDigitFor(nineDigits);
        return check == 10 ? Optional.empty() : Optional.of(new NhsNumber(nineDigits + check));
    }

    private static String validDigits(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidNhsNumberException("NHS number is missing");
        }
        String digits = withoutSeparators(text.strip());
        if (!allDigits(digits)) {
            throw new InvalidNhsNumberException("NHS number must contain only digits (spaces or hyphens allowed between groups)");
        }
        if (digits.length() != 10) {
            throw new InvalidNhsNumberException("NHS number must have 10 digits, not " + digits.length());
        }
        int check = checkDigitFor(digits.substring(0, 9));
        if (check == 10) {
            throw new InvalidNhsNumberException("NHS number is not valid: its first nine digits give check digit 10, which no NHS number has");
        }
        if (check != digits.charAt(9) - '0') {
            throw new InvalidNhsNumberException("NHS number check digit is wrong: the number was probably mistyped");
        }
        return digits;
    }

    // Plain loops, not regular expressions: every message in and out passes through here.
    private static String withoutSeparators(String text) {
        if (text.indexOf(' ') < 0 && text.indexOf('-') < 0) {
            return text;
        }
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '-') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Modulus 11 with weights 10..2; 11 becomes 0, 10 means no valid number. */
    static int checkDigitFor(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    /** The ten digits, for storage and FHIR identifiers. */
    public String value() {
        return digits;
    }

    /** As people read it: "943 476 5919". */
    public String formatted() {
        return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    }

    /** Safe for logs and screens that must not show the number: "*** *** 5919". */
    public String masked() {
        return "*** *** " + digits.substring(6);
    }

    /** Numbers beginning 999 are reserved for test data. */
    public boolean isTestNumber() {
        return digits.startsWith(TEST_RANGE_PREFIX);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NhsNumber that && digits.equals(that.digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    /** Masked on purpose, so that a number concatenated into a log line never leaks in full. */
    @Override
    public String toString() {
        return masked();
    }
}
