package org.handover.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code in (...)} lists for the grouped reads, in a few fixed sizes (a short list is padded with its last value), so
 * that few statements are ever prepared.
 */
final class InLists {

    private static final int[] SIZES = {1, 4, 16, 64};
    /** The most values one list takes. */
    static final int MAX = SIZES[SIZES.length - 1];

    private InLists() {
    }

    /** The values padded to the next fixed size. */
    static List<Object> padded(List<?> values) {
        int size = sizeFor(values.size());
        List<Object> padded = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            padded.add(values.get(Math.min(i, values.size() - 1)));
        }
        return padded;
    }

    /** "?, ?, ?" for a padded list. */
    static String placeholders(List<?> padded) {
        return String.join(", ", Collections.nCopies(padded.size(), "?"));
    }

    private static int sizeFor(int values) {
        for (int size : SIZES) {
            if (values <= size) {
                return size;
            }
        }
        throw new IllegalArgumentException("at most " + MAX + " values a list");
    }
}
