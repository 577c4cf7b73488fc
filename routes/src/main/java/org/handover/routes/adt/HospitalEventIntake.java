package org.handover.routes.adt;

/**
 * Takes one HL7 v2 message as received over MLLP, as its bytes (the intake must see bytes that are not UTF-8, which
 * a decoded string would already have turned into U+FFFD), and answers with the HL7 acknowledgement to send back.
 */
@FunctionalInterface
public interface HospitalEventIntake {

    /**
     * Must not throw: a message that cannot be stored is answered with a negative acknowledgement, never left
     * without an answer (the sender would resend it for ever, blocking its queue).
     */
    String acknowledge(byte[] message);
}
