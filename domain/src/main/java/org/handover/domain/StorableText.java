package org.handover.domain;

/**
 * Text from outside made storable in every database Handover runs on. PostgreSQL refuses U+0000 in a text column
 * (H2 takes it), so a patient's text holding one made the whole insert fail and the sender's message was lost; and
 * an unpaired surrogate cannot be written as UTF-8 at all. Both become U+FFFD, the replacement character: it is
 * what a reader already expects for "a character that could not be kept", it stays visible where the text is shown,
 * it is one character for one, and no parser takes it for a digit or a keyword. Every other character, control
 * characters included, is kept as sent: PostgreSQL holds them, and the record should show what arrived.
 */
public final class StorableText {

    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** The text with each character a database cannot hold replaced by U+FFFD; null stays null. */
    public static String of(String text) {
        if (text == null || isStorable(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else {
                kept.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return kept.toString();
    }

    static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
