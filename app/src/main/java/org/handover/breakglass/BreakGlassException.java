package org.handover.breakglass;

/** A break-glass request Handover refuses, with the HTTP status and what to change. */
class BreakGlassException extends RuntimeException {

    private final int status;

    BreakGlassException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
