package org.handover.adt;

/**
 * The MSH segment read as plain text, so that a message HAPI cannot parse (or a message that is not HL7 at all)
 * can still be acknowledged to its sender with its own control id.
 *
 * @param fields MSH fields by HL7 position: {@code field(3)} is MSH-3; MSH-1 is the field separator itself
 */
record MshHeader(char fieldSeparator, char componentSeparator, String[] fields) {

    /** Null when the text does not start with a readable MSH segment. */
    static MshHeader read(String message) {
        if (message == null) {
            return null;
        }
        String text = message.stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.length() < 8 || !text.startsWith("MSH")) {
            return null;
        }
        char separator = text.charAt(3);
        if (Character.isLetterOrDigit(separator) || Character.isWhitespace(separator)) {
            return null;
        }
        int end = firstLineEnd(text);
        String[] raw = text.substring(0, end).split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        String encoding = raw.length > 1 ? raw[1] : "";
        char component = encoding.isEmpty() ? '^' : encoding.charAt(0);
        String[] fields = new String[raw.length + 1];
        fields[1] = String.valueOf(separator);
        for (int i = 1; i < raw.length; i++) {
            fields[i + 1] = raw[i];
        }
        return new MshHeader(separator, component, fields);
    }

    private static int firstLineEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return text.length();
    }

    /** The whole field at an HL7 position, or "" when absent. */
    String field(int position) {
        return position < fields.length && fields[position] != null ? fields[position] : "";
    }

    /** One component (1-based) of a field, or "". */
    String component(int position, int component) {
        String[] parts = field(position).split(java.util.regex.Pattern.quote(String.valueOf(componentSeparator)), -1);
        return component <= parts.length ? parts[component - 1] : "";
    }

    String sendingApplication() {
        return component(3, 1);
    }

    String sendingFacility() {
        return component(4, 1);
    }

    String messageCode() {
        return component(9, 1);
    }

    String triggerEvent() {
        return component(9, 2);
    }

    String controlId() {
        return field(10);
    }

    String processingId() {
        return component(11, 1);
    }

    String version() {
        return component(12, 1);
    }

    /** MSH-3^MSH-4: with MSH-10 it identifies a message for duplicate detection. */
    String sender() {
        return sendingApplication() + "^" + sendingFacility();
    }
}
