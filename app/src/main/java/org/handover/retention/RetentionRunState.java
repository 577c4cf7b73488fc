package org.handover.retention;

import java.time.Instant;
import java.util.Map;

/**
 * A run of the job as recorded in the database, for {@code GET /api/admin/retention/runs/{id}} on any node.
 *
 * @param kind      "admin" (an administrator's request) or "window" (the nightly run)
 * @param state     RUNNING, FINISHED or FAILED
 * @param complete  when finished: false when the window ended first (the next night goes on); null before
 * @param deleted   rows deleted per table so far (written after every batch), or in all when finished
 * @param failure   why it failed; null unless FAILED
 */
public record RetentionRunState(String id, String kind, String startedBy, String state, Instant startedAt,
        Instant finishedAt, Boolean complete, Map<String, Long> deleted, String failure) {

    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";
    static final String FAILED = "FAILED";
}
