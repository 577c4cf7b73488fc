package org.handover.adt;

import java.util.List;
import java.util.Objects;
import org.handover.encounter.DischargeFacts;

/**
 * One hospital event as read from HL7 v2 ADT or a FHIR Encounter, validated, before it is stored.
 *
 * @param sender        who sent it (MSH-3^MSH-4, or fhir:user): with messageId the idempotency key
 * @param messageId     MSH-10, or the Encounter identifier with its status
 * @param patientCopyRequested null when the message did not say
 * @param reason        free text for a cancellation (EVN-4 or the Encounter's text), or null
 */
record HospitalEvent(
        Kind kind,
        String sender,
        String messageId,
        Source source,
        Patient patient,
        Stay stay,
        DischargeFacts facts,
        Boolean patientCopyRequested,
        List<String> clinicalCodes,
        String reason) {

    HospitalEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(stay, "stay");
        facts = facts == null ? DischargeFacts.unknown() : facts;
        clinicalCodes = clinicalCodes == null ? List.of() : List.copyOf(clinicalCodes);
    }

    enum Kind {
        ADMIT("A01"), DISCHARGE("A03"), UPDATE_PATIENT("A08"), CANCEL_ADMIT("A11"), CANCEL_DISCHARGE("A13");

        private final String hl7Trigger;

        Kind(String hl7Trigger) {
            this.hl7Trigger = hl7Trigger;
        }

        String hl7Trigger() {
            return hl7Trigger;
        }
    }

    enum Source {
        HL7V2("hl7v2"), FHIR("fhir");

        private final String code;

        Source(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    String episodeId() {
        return stay.episodeId();
    }
}
