package org.handover.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run of the job did: rows deleted per table, and the age of the oldest finished row each table still keeps
 * (just over the configured age when the job keeps up; more where something still needs an old row).
 *
 * @param complete false when the window ended first: the next night goes on
 */
public record RetentionRun(String trigger, Instant started, Duration took, boolean complete,
        Map<String, Long> deleted, Map<String, Duration> oldestKept) {

    /** One line for the log: counts and ages only, never a row's content. */
    String summary() {
        String tables = deleted.keySet().stream()
                .map(table -> "%s %d deleted, oldest finished kept %.1f days".formatted(table, deleted.get(table),
                        oldestKept.get(table).toSeconds() / 86_400.0))
                .collect(Collectors.joining("; "));
        return "%s; took %.1f s%s".formatted(tables, took.toMillis() / 1000.0,
                complete ? "" : "; stopped at the end of the window, to go on the next night");
    }
}
