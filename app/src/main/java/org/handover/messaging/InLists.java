package org.handover.messaging;

import java.util.Collections;
import java.util.List;

/**
 * {@code in (...)} lists of a few fixed lengths, a short list padded with its last value, so that grouped reads
 * prepare only a handful of statements however many values each group holds.
 */
final class InLists {

    private static final int[] LENGTHS = {1, 4, 16, 64};

    /** The most values one list takes. */
    static final int MAX = LENGTHS[LENGTHS.length - 1];

    private InLists() {
    }

    /** {@code ?, ?, ?, ?} for the padded length of {@code values}. */
    static String placeholders(int values) {
        return String.join(", ", Collections.nCopies(paddedLength(values), "?"));
    }

    /** The values, padded with the last to the length {@link #placeholders} gave. */
    static Object[] padded(List<?> values) {
        Object[] padded = new Object[paddedLength(values.size())];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = values.get(Math.min(i, values.size() - 1));
        }
        return padded;
    }

    private static int paddedLength(int values) {
        for (int length : LENGTHS) {
            if (values <= length) {
                return length;
            }
        }
        throw new IllegalArgumentException("at most " + MAX + " values in a list");
    }
}
