package org.handover.adt;

import java.time.Instant;
import java.util.List;
import org.handover.encounter.DischargeCancelled;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.EncounterEnded;
import org.handover.encounter.PatientDischarged;

/** The contract events (org.handover.encounter) built from a stored episode. Pure functions, tested without Spring. */
final class EncounterEvents {

    private EncounterEvents() {
    }

    static PatientDischarged discharged(Episode episode, DischargeFacts facts, Boolean patientCopyRequested) {
        Patient p = episode.patient();
        Stay s = episode.stay();
        return new PatientDischarged(episode.episodeId(), p.nhsNumber(), p.givenName(), p.familyName(), p.birthDate(),
                p.addressLine(), p.postcode(), p.mobile(), p.gpPracticeOds(), s.siteCode(), s.ward(), s.specialty(),
                s.admittedAt(), s.dischargedAt(), s.setting(), s.consultant(), Boolean.TRUE.equals(patientCopyRequested),
                facts, s.diedInHospital());
    }

    static EncounterEnded ended(Episode episode, List<String> clinicalCodes) {
        Patient p = episode.patient();
        Stay s = episode.stay();
        return new EncounterEnded(episode.episodeId(), p.nhsNumber(), p.givenName(), p.familyName(), p.birthDate(),
                p.mobile(), p.postcode(), p.gpPracticeOds(), s.setting(), s.siteCode(), s.ward(), s.specialty(),
                s.dischargedAt(), s.diedInHospital(), clinicalCodes);
    }

    static DischargeCancelled cancelled(Episode episode, HospitalEvent event, Instant at) {
        String what = event.kind() == HospitalEvent.Kind.CANCEL_ADMIT ? "admission cancelled" : "discharge cancelled";
        String reason = event.source() == HospitalEvent.Source.HL7V2 ? event.kind().hl7Trigger() + ": " + what
                : "FHIR Encounter: " + what;
        return new DischargeCancelled(episode.episodeId(), episode.patient().nhsNumber(), at,
                event.reason() == null ? reason : reason + " (" + event.reason() + ")");
    }
}
