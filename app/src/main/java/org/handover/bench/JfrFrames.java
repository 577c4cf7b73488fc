package org.handover.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where some threads' CPU went, from a flight recording's execution samples: the methods on top of the stack
 * (self) and the methods anywhere on it (inclusive, each counted once a sample), as shares of those threads' samples.
 */
final class JfrFrames {

    private JfrFrames() {
    }

    /** The {@code limit} hottest methods, self and inclusive, of the threads whose name starts with {@code prefix}. */
    static String hottest(Path recording, String prefix, int limit) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
                    || !threadName(event).startsWith(prefix)) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(method(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(method(frame))) {
                    inclusive.merge(method(frame), 1, Integer::sum);
                }
            }
        }
        return samples + " samples of " + prefix + "* threads\n"
                + "inclusive (on the stack):\n" + table(inclusive, samples, limit)
                + "self (top of the stack):\n" + table(self, samples, limit);
    }

    private static String threadName(RecordedEvent event) {
        var thread = event.getThread("sampledThread");
        return thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String table(Map<String, Integer> counts, int samples, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> String.format(Locale.ROOT, "  %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, samples),
                        e.getKey()))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
