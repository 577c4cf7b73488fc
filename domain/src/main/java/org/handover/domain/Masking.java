package org.handover.domain;

import java.util.regex.Pattern;

/** Masks anything in free text that looks like an NHS number, so that logs never carry one in full. */
public final class Masking {

    private static final Pattern NHS_NUMBER_LIKE = Pattern.compile("(?<!\\d)(\\d{3})[ -]?(\\d{3})[ -]?(\\d{4})(?!\\d)");

    private static final Pattern UK_PHONE_LIKE = Pattern.compile("(?<![\\d+])(?:\\+?44|0)(7\\d{5})(\\d{4})(?!\\d)");

    private Masking() {
    }

    public static String maskNhsNumbers(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return NHS_NUMBER_LIKE.matcher(text).replaceAll("*** *** $3");
    }

    /** Masks NHS numbers and UK mobile numbers: what a log line must never carry in full. */
    public static String maskIdentifiers(String text) {
        String masked = maskNhsNumbers(text);
        return masked == null || masked.isEmpty() ? masked : UK_PHONE_LIKE.matcher(masked).replaceAll("******$2");
    }

    /** Keeps the last four characters of a phone number or other identifier. */
    public static String maskTail(String identifier) {
        if (identifier == null || identifier.length() <= 4) {
            return "****";
        }
        return "*".repeat(identifier.length() - 4) + identifier.substring(identifier.length() - 4);
    }
}
