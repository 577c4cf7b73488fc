package org.handover.rules.referral;

import java.util.Locale;

/**
 * Case-insensitive, whole-word phrase matching for clinical free text.
 *
 * <p>Text and phrase are both reduced to lower-case words separated by single spaces (every run of characters that
 * are not letters or digits becomes one space), so "Rectal\nbleeding", "rectal-bleeding" and "RECTAL BLEEDING." all
 * contain the phrase "rectal bleeding", while "molecular" does not contain "mole".
 */
final class Phrases {

    private Phrases() {
    }

    /** The text as lower-case words separated by single spaces, with a space at each end. */
    static String searchable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append(' ');
        boolean inGap = true;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint)) {
                out.appendCodePoint(Character.toLowerCase(codePoint));
                inGap = false;
            } else if (!inGap) {
                out.append(' ');
                inGap = true;
            }
        }
        if (!inGap) {
            out.append(' ');
        }
        return out.toString();
    }

    /** Whether {@code searchableText} (from {@link #searchable}) contains {@code phrase} as whole words. */
    static boolean contains(String searchableText, String phrase) {
        String wanted = searchable(phrase);
        return wanted.length() > 1 && searchableText.contains(wanted);
    }

    /** A keyword or phrase must have at least one letter or digit, or it would match nothing (or everything). */
    static String requireWords(String what, String phrase) {
        if (phrase == null || searchable(phrase).isBlank()) {
            throw new IllegalArgumentException(what + " must contain a letter or digit, was '" + phrase + "'");
        }
        return phrase.strip();
    }

    static String requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.strip();
    }

    /** Specialty codes compare case-insensitively: stored in upper case. */
    static String specialtyCode(String what, String code) {
        return requireText(what, code).toUpperCase(Locale.ROOT);
    }
}
