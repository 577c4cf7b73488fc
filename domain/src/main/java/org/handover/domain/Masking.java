package org.handover.domain;

import java.util.regex.Pattern;

/** Masks anything in free text that looks like an NHS number, so that logs never carry one in full. */
public final class Masking {

    private static final Pattern NHS_NUMBER_LIKE = Pattern.compile("(?<!\\d)(\\d{3})[ -]?(\\d{3})[ -]?(\\d{4})(?!\\d)");

    private Masking() {
    }

    public static String maskNhsNumbers(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return NHS_NUMBER_LIKE.matcher(text).replaceAll("*** *** $3");
    }

    /** Keeps the last four characters of a phone number or other identifier. */
    public static String maskTail(String identifier) {
        if (identifier == null || identifier.length() <= 4) {
            return "****";
        }
        return "*".repeat(identifier.length() - 4) + identifier.substring(identifier.length() - 4);
    }
}
