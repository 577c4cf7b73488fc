package org.handover.domain;

/** Thrown when text is not a valid NHS number; the message says what is wrong without repeating the number. */
public class InvalidNhsNumberException extends IllegalArgumentException {
    public InvalidNhsNumberException(String message) {
        super(message);
    }
}
