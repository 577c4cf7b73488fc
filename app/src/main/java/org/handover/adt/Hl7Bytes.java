package org.handover.adt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An HL7 v2 message's bytes as they came over MLLP, checked before they are read: UTF-8, the charset agreed with the
 * PAS (bytes that are not are refused, naming the segment and field they sit in, rather than stored as U+FFFD in a
 * patient's name). Segment terminators are {@link Hl7Segments}' part.
 */
final class Hl7Bytes {

    private Hl7Bytes() {
    }

    /** The text; bytes that are not UTF-8 become U+FFFD, so that a refused message can still be quarantined. */
    static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The text a reviewer is shown for a refused message: as {@link #text} when it is UTF-8; otherwise each byte read as
     * ISO-8859-1, so no byte is lost to U+FFFD and the message can be read (most PAS that are not UTF-8 send Latin-1 or
     * Windows-1252) and turned back into the bytes that came.
     */
    static String forReview(byte[] bytes) {
        return isUtf8(bytes) ? text(bytes) : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            requireUtf8(bytes);
            return true;
        } catch (RefusedEvent notUtf8) {
            return false;
        }
    }

    /** @throws RefusedEvent (AE, data type error) at the first bytes that are not UTF-8 */
    static void requireUtf8(byte[] bytes) {
        if (bytes == null) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            String readable = out.flip().toString();
            String field = fieldAt(readable);
            throw RefusedEvent.error(RefusedEvent.ErrorCode.DATA_TYPE_ERROR, field, "the bytes at offset "
                    + in.position() + " of the message are not UTF-8: send the message in UTF-8");
        }
    }

    /** The HL7 location (e.g. PID-5) of the character just after {@code before}, the text read so far. */
    static String fieldAt(String before) {
        int segmentStart = Math.max(before.lastIndexOf('\r'), before.lastIndexOf('\n')) + 1;
        String segment = before.substring(segmentStart);
        String name = segment.length() >= 3 ? segment.substring(0, 3) : segment.isEmpty() ? "?" : segment;
        long separators = segment.chars().filter(c -> c == '|').count();
        // MSH-1 is the field separator itself, so MSH counts one more field than the bars before the position
        long field = name.equals("MSH") ? separators + 1 : separators;
        return field == 0 ? name : name + "-" + field;
    }
}
