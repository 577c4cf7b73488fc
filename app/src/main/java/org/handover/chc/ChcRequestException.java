package org.handover.chc;

import java.util.List;

/**
 * A CHC request that cannot be accepted, with every problem found, each naming the field. {@code status} is 422 when
 * the only problem is an NHS number that fails its check digit, 400 otherwise.
 */
class ChcRequestException extends RuntimeException {

    private final int status;
    private final List<String> problems;

    ChcRequestException(int status, List<String> problems) {
        super(String.join("; ", problems));
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    int status() {
        return status;
    }

    List<String> problems() {
        return problems;
    }
}
