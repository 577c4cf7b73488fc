package org.handover.adt;

/**
 * A hospital event Handover will not take, with what the sender needs to put it right: the field (HL7 location such
 * as {@code PID-3}, or a FHIRPath for FHIR), a readable reason naming it, and the HL7 error code (table 0357).
 * {@code reject} answers AR (the message as a whole cannot be taken: type, event, version, framing) instead of AE
 * (its content is wrong).
 */
final class RefusedEvent extends RuntimeException {

    private final ErrorCode code;
    private final String field;
    private final boolean reject;
    private final boolean invalidNhsNumber;

    private RefusedEvent(ErrorCode code, String field, String reason, boolean reject, boolean invalidNhsNumber) {
        super(field == null ? reason : field + ": " + reason, null, false, false);
        this.code = code;
        this.field = field;
        this.reject = reject;
        this.invalidNhsNumber = invalidNhsNumber;
    }

    static RefusedEvent error(ErrorCode code, String field, String reason) {
        return new RefusedEvent(code, field, reason, false, false);
    }

    static RefusedEvent reject(ErrorCode code, String field, String reason) {
        return new RefusedEvent(code, field, reason, true, false);
    }

    static RefusedEvent invalidNhsNumber(String field, String reason) {
        return new RefusedEvent(ErrorCode.DATA_TYPE_ERROR, field, reason, false, true);
    }

    ErrorCode code() {
        return code;
    }

    /** HL7 location (e.g. PID-3, PV1-19) or FHIRPath; null when the message as a whole is at fault. */
    String field() {
        return field;
    }

    boolean reject() {
        return reject;
    }

    boolean invalidNhsNumber() {
        return invalidNhsNumber;
    }

    /** HL7 table 0357, message error condition codes. */
    enum ErrorCode {
        SEGMENT_SEQUENCE_ERROR(100, "Segment sequence error"),
        REQUIRED_FIELD_MISSING(101, "Required field missing"),
        DATA_TYPE_ERROR(102, "Data type error"),
        TABLE_VALUE_NOT_FOUND(103, "Table value not found"),
        UNSUPPORTED_MESSAGE_TYPE(200, "Unsupported message type"),
        UNSUPPORTED_EVENT_CODE(201, "Unsupported event code"),
        UNSUPPORTED_VERSION_ID(203, "Unsupported version id"),
        UNKNOWN_KEY_IDENTIFIER(204, "Unknown key identifier"),
        DUPLICATE_KEY_IDENTIFIER(205, "Duplicate key identifier"),
        APPLICATION_INTERNAL_ERROR(207, "Application internal error");

        private final int value;
        private final String text;

        ErrorCode(int value, String text) {
            this.value = value;
            this.text = text;
        }

        int value() {
            return value;
        }

        String text() {
            return text;
        }
    }
}
