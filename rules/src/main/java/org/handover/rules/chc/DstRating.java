package org.handover.rules.chc;

import java.util.Objects;

/** One domain of a completed Decision Support Tool: its level of need and the evidence for it. */
public record DstRating(DstDomain domain, DstLevel level, String evidence) {

    /** @throws IllegalDstLevelException when the domain does not have that level */
    public DstRating {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(level, () -> "level of " + domain.title());
        if (!domain.allows(level)) {
            throw new IllegalDstLevelException(domain, level);
        }
        evidence = evidence == null ? "" : evidence.strip();
    }
}
