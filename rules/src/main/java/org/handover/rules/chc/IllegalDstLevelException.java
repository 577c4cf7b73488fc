package org.handover.rules.chc;

import java.util.stream.Collectors;

/** A DST domain was given a level the national tool does not have for it (e.g. severe in continence). */
public class IllegalDstLevelException extends IllegalArgumentException {

    public IllegalDstLevelException(DstDomain domain, DstLevel level) {
        super(domain.title() + " cannot be rated " + level.words() + " in the Decision Support Tool: its levels are "
                + domain.allowedLevels().stream().map(DstLevel::words).collect(Collectors.joining(", ")));
    }
}
