package org.handover.adt;

import java.nio.charset.StandardCharsets;
import org.handover.adt.RefusedEvent.ErrorCode;

/**
 * The segment terminators PAS and interface engines really send, made the one HL7 v2 prescribes (a carriage return
 * after every segment) once, before the message is parsed; what comes before MSH (a byte order mark, blank lines) is
 * left out. HL7 v2 text cannot hold a CR or LF inside a field (they
 * are sent as escapes), so CR, LF and CR LF all end a segment; blank lines carry nothing and are left out; NUL bytes
 * after the last segment (a C string's terminator, padding) or on a line of their own are dropped. The last segment
 * may come without its CR: over MLLP the frame's end block says where the message ends, and a message cut short in
 * transit never reaches its end block, so is never taken. A NUL inside a segment is refused: whether it stands for
 * nothing, a space or a lost character cannot be told. The message is stored as received, not as normalised.
 */
final class Hl7Segments {

    private static final char NUL = '\0';
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private Hl7Segments() {
    }

    /**
     * @return the segments, each ended by one CR
     * @throws RefusedEvent (AE, data type error) naming the field that holds a NUL
     */
    static String normalised(String received) {
        int start = received.isEmpty() || received.charAt(0) != BYTE_ORDER_MARK ? 0 : 1;
        while (start < received.length() && (Character.isWhitespace(received.charAt(start))
                || received.charAt(start) == NUL)) {
            start++;
        }
        int end = received.length();
        while (end > start && isTrailing(received.charAt(end - 1))) {
            end--;
        }
        StringBuilder segments = new StringBuilder(end - start + 1);
        int segmentStart = start;
        for (int i = start; i <= end; i++) {
            char c = i < end ? received.charAt(i) : '\r';
            if (c != '\r' && c != '\n') {
                continue;
            }
            String segment = received.substring(segmentStart, i);
            if (!segment.replace(String.valueOf(NUL), "").isBlank()) {
                requireNoNul(received, segmentStart, segment, segments);
                segments.append(segment).append('\r');
            }
            segmentStart = i + 1;
        }
        return segments.toString();
    }

    private static boolean isTrailing(char c) {
        return c == '\r' || c == '\n' || c == NUL;
    }

    private static void requireNoNul(String received, int segmentStart, String segment, StringBuilder before) {
        int nul = segment.indexOf(NUL);
        if (nul < 0) {
            return;
        }
        String field = Hl7Bytes.fieldAt(before + segment.substring(0, nul));
        int offset = received.substring(0, segmentStart + nul).getBytes(StandardCharsets.UTF_8).length;
        throw RefusedEvent.error(ErrorCode.DATA_TYPE_ERROR, field, "a NUL byte at offset " + offset + " of the message, "
                + "inside " + field + ": HL7 v2 text holds no NUL; send the field without it");
    }
}
