package org.handover.system;

import java.util.regex.Pattern;

/**
 * Values from outside written into the Markdown that the Camunda Forms render (a text field's template is
 * Markdown): as plain text, so that a name or a ward cannot format the form or hide a line of it.
 */
public final class MarkdownText {

    private static final Pattern SPECIAL = Pattern.compile("[\\\\`*_{}\\[\\]<>#|~!]");

    private MarkdownText() {
    }

    /** One list item, {@code - **label:** value}, "not given" for a missing value. */
    public static void item(StringBuilder markdown, String label, String value) {
        markdown.append("- **").append(label).append(":** ").append(value == null ? "not given" : escaped(value))
                .append('\n');
    }

    /** Markdown's special characters escaped, line breaks as spaces. */
    public static String escaped(String value) {
        return SPECIAL.matcher(value.replaceAll("\\s+", " ").strip()).replaceAll("\\\\$0");
    }
}
