package org.handover.rules.chc;

import java.util.Objects;

/** One domain of a completed Checklist: its rating and the evidence the assessor relied on. */
public record ChecklistRating(ChecklistDomain domain, ChecklistLevel level, String evidence) {

    public ChecklistRating {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(level, () -> "level of " + domain.title());
        evidence = evidence == null ? "" : evidence.strip();
    }
}
