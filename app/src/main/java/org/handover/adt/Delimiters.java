package org.handover.adt;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The field separator (MSH-1) and encoding characters (MSH-2: component, repetition, escape, subcomponent) a message
 * uses. HL7 v2 lets each sender choose them; an acknowledgement written with the sender's own is read by its engine
 * even when it does not honour another MSH-2. A 2.7 truncation character is not kept: the answer is 2.5.
 */
record Delimiters(char field, char component, char repetition, char escape, char subcomponent) {

    static final Delimiters STANDARD = new Delimiters('|', '^', '~', '\\', '&');

    /** The inbound message's delimiters; the standard ones when it has none that can be used (absent, repeated). */
    static Delimiters of(MshHeader inbound) {
        if (inbound == null || inbound.field(2).length() < 4) {
            return STANDARD;
        }
        String encoding = inbound.field(2);
        Delimiters sent = new Delimiters(inbound.fieldSeparator(), encoding.charAt(0), encoding.charAt(1),
                encoding.charAt(2), encoding.charAt(3));
        return sent.usable() ? sent : STANDARD;
    }

    private boolean usable() {
        String all = "" + field + component + repetition + escape + subcomponent;
        return all.chars().distinct().count() == all.length()
                && all.chars().allMatch(c -> c > ' ' && c < 0x7f && !Character.isLetterOrDigit(c));
    }

    /** MSH-2 as written in the answer. */
    String encoding() {
        return "" + component + repetition + escape + subcomponent;
    }

    String join(String... fields) {
        return String.join(String.valueOf(field), fields);
    }

    String components(String... components) {
        return Stream.of(components).collect(Collectors.joining(String.valueOf(component)));
    }

    /** HL7 escape sequences for these delimiters, so a reason can quote what the sender sent; CR and LF as spaces. */
    String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == escape) {
                out.append(escape).append('E').append(escape);
            } else if (c == field) {
                out.append(escape).append('F').append(escape);
            } else if (c == component) {
                out.append(escape).append('S').append(escape);
            } else if (c == repetition) {
                out.append(escape).append('R').append(escape);
            } else if (c == subcomponent) {
                out.append(escape).append('T').append(escape);
            } else {
                out.append(c == '\r' || c == '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
