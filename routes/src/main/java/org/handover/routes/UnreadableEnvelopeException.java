package org.handover.routes;

/** A message on a channel queue that is not a readable {@code OutboundMessage}. */
public class UnreadableEnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnreadableEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
