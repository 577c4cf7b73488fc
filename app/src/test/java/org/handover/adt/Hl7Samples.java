package org.handover.adt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample messages under ops/samples/discharge (the README's "try it" uses the same files), and variants. */
final class Hl7Samples {

    private static final Path FOLDER = locate();

    private Hl7Samples() {
    }

    static String sample(String fileName) {
        try {
            return Files.readString(FOLDER.resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample with its message control id (MSH-10) and episode id (PV1-19) made unique for one test. */
    static String sample(String fileName, String controlId, String episodeId) {
        String text = sample(fileName);
        String[] lines = text.split("\n");
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String[] fields = line.split("\\|", -1);
            if (line.startsWith("MSH")) {
                fields[9] = controlId;
            } else if (line.startsWith("PV1") && episodeId != null) {
                fields[19] = episodeId;
            }
            out.append(String.join("|", fields)).append('\r');
        }
        return out.toString();
    }

    /** Replaces one whole field of the first segment with that name, e.g. ("PID", 3, "..."). */
    static String withField(String message, String segment, int position, String value) {
        String[] lines = message.split("[\r\n]+");
        StringBuilder out = new StringBuilder();
        boolean done = false;
        for (String line : lines) {
            if (!done && line.startsWith(segment + "|")) {
                String[] fields = line.split("\\|", -1);
                int index = segment.equals("MSH") ? position - 1 : position;
                if (index >= fields.length) {
                    String[] longer = new String[index + 1];
                    java.util.Arrays.fill(longer, "");
                    System.arraycopy(fields, 0, longer, 0, fields.length);
                    fields = longer;
                }
                fields[index] = value;
                line = String.join("|", fields);
                done = true;
            }
            out.append(line).append('\r');
        }
        return out.toString();
    }

    /** The message's segments in the order given (every segment of each name, as they came). */
    static String reordered(String message, String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            for (String segment : message.split("[\r\n]+")) {
                if (segment.startsWith(name + "|")) {
                    out.append(segment).append('\r');
                }
            }
        }
        return out.toString();
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ops/samples/discharge");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("ops/samples/discharge not found above " + Path.of("").toAbsolutePath());
    }
}
