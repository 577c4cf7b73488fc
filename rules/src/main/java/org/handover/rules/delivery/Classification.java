package org.handover.rules.delivery;

/**
 * Fact written by the classification rules: what kind of failure this is, in words an administrator understands.
 * Public because the classes generated from the DRL live in sub-packages.
 *
 * @param explanation e.g. "Recipient rejected the address (SMTP 550)"
 */
public record Classification(DeliveryFailure failure, FailureKind kind, String explanation) {

    public static Classification transientFailure(DeliveryFailure failure, String text) {
        return new Classification(failure, FailureKind.TRANSIENT, explain(failure, text));
    }

    public static Classification permanentFailure(DeliveryFailure failure, String text) {
        return new Classification(failure, FailureKind.PERMANENT, explain(failure, text));
    }

    private static String explain(DeliveryFailure failure, String text) {
        return text + " (" + display(failure.errorCode()) + ")";
    }

    /** HTTP_503 as "HTTP 503", SMPP_00000058 as "SMPP 0x00000058"; other codes as they are. */
    static String display(String errorCode) {
        if (errorCode.startsWith("SMPP_")) {
            return "SMPP 0x" + errorCode.substring("SMPP_".length());
        }
        if (errorCode.startsWith("HTTP_") || errorCode.startsWith("SMTP_")) {
            return errorCode.replace('_', ' ');
        }
        return errorCode;
    }
}
