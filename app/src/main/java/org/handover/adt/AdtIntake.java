package org.handover.adt;

import org.handover.domain.Masking;
import org.handover.quarantine.Quarantine;
import org.handover.routes.adt.HospitalEventIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * HL7 v2 ADT as received over MLLP: read, store (with its effects) and acknowledge. AA only once the transaction has
 * committed; a refused message is quarantined and answered AE or AR with the field at fault; a repeated MSH-10 is
 * answered AA without a second effect; a failure of Handover itself is answered AR (error 207) so the sender
 * resends it.
 */
class AdtIntake implements HospitalEventIntake {

    static final String QUARANTINE_SOURCE = "hl7-mllp";
    private static final Logger log = LoggerFactory.getLogger(AdtIntake.class);

    private final AdtReader reader;
    private final EpisodeIntake intake;
    private final Quarantine quarantine;
    private final Acknowledgements acknowledgements;

    AdtIntake(AdtReader reader, EpisodeIntake intake, Quarantine quarantine, Acknowledgements acknowledgements) {
        this.reader = reader;
        this.intake = intake;
        this.quarantine = quarantine;
        this.acknowledgements = acknowledgements;
    }

    @Override
    public String acknowledge(byte[] bytes) {
        String message = Hl7Bytes.text(bytes);
        MshHeader header = MshHeader.read(message);
        try {
            Hl7Bytes.requireUtf8(bytes);
        } catch (RefusedEvent notUtf8) {
            return refused(header, Hl7Bytes.forReview(bytes), notUtf8.getMessage()
                    + " (quarantined byte for byte, each byte read as ISO-8859-1)", notUtf8);
        }
        try {
            HospitalEvent event = reader.read(message);
            EpisodeIntake.Outcome outcome = stored(event, message);
            return acknowledgements.accepted(header, outcome.note());
        } catch (RefusedEvent refusal) {
            return refused(header, message, refusal.getMessage(), refusal);
        } catch (RuntimeException failure) {
            log.error("HL7 v2 message {} from {} could not be stored: {}", header == null ? "?" : header.controlId(),
                    header == null ? "?" : header.sender(), Masking.maskNhsNumbers(String.valueOf(failure.getMessage())));
            return acknowledgements.refused(header, RefusedEvent.reject(RefusedEvent.ErrorCode.APPLICATION_INTERNAL_ERROR,
                    null, "Handover could not store the message just now: send it again"));
        }
    }

    private EpisodeIntake.Outcome stored(HospitalEvent event, String message) {
        try {
            return intake.receive(event, message);
        } catch (DuplicateKeyException sameMessageAtTheSameMoment) {
            return new EpisodeIntake.Outcome(true, "duplicate of a message received at the same moment", null);
        }
    }

    private String refused(MshHeader header, String message, String reason, RefusedEvent refusal) {
        try {
            quarantine.keep(QUARANTINE_SOURCE, reason, message == null ? "" : message);
        } catch (RuntimeException quarantineFailed) {
            log.error("Refused HL7 v2 message could not be quarantined: {}",
                    Masking.maskNhsNumbers(String.valueOf(quarantineFailed.getMessage())));
        }
        return acknowledgements.refused(header, refusal);
    }
}
