package org.handover.adt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.handover.adt.Episode.Status;
import org.handover.adt.RefusedEvent.ErrorCode;
import org.handover.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores a hospital event and applies it to its episode, and stores the contract events it publishes
 * (PatientDischarged, EncounterEnded, DischargeCancelled) for the {@link EncounterDispatcher} in the same transaction:
 * the acknowledgement waits for these few rows only, not for the downstream processes, and nothing starts for an
 * event that was not stored. Shared by the HL7 v2 (MLLP) and FHIR intakes.
 */
class EpisodeIntake {

    private static final Logger log = LoggerFactory.getLogger(EpisodeIntake.class);

    private final HospitalEventLog eventLog;
    private final HospitalEpisodes episodes;
    private final EncounterDispatch dispatch;
    private final EncounterDispatcher dispatcher;
    private final Clock clock;

    EpisodeIntake(HospitalEventLog eventLog, HospitalEpisodes episodes, EncounterDispatch dispatch,
            EncounterDispatcher dispatcher, Clock clock) {
        this.eventLog = eventLog;
        this.episodes = episodes;
        this.dispatch = dispatch;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * @return what the event did, for the acknowledgement and the event log; {@link Outcome#duplicate()} when the
     *         same sender sent the same message id before (nothing is done again)
     * @throws RefusedEvent when the event contradicts the episode (nothing is stored)
     * @throws org.springframework.dao.DuplicateKeyException when a concurrent request stored it first
     */
    @Transactional
    public Outcome receive(HospitalEvent event, String payload) {
        if (eventLog.contains(event.sender(), event.messageId())) {
            return new Outcome(true, "duplicate of a message already received: nothing done again", null);
        }
        List<Object> published = new ArrayList<>();
        Result result = switch (event.kind()) {
            case ADMIT -> admit(event);
            case DISCHARGE -> discharge(event, published);
            case CANCEL_ADMIT -> cancelAdmission(event, published);
            case CANCEL_DISCHARGE -> cancelDischarge(event, published);
            case UPDATE_PATIENT -> updatePatient(event);
        };
        String eventId = eventLog.insert(event, payload, result.note());
        if (!published.isEmpty()) {
            dispatch.add(eventId, event.episodeId(), event.kind().hl7Trigger(), published);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wakeUp();
                }
            });
        }
        log.info("{} {} from {} for episode {}, patient {}: {}", event.source().code(), event.kind().hl7Trigger(),
                event.sender(), event.episodeId(), Masking.maskNhsNumbers(event.patient().nhsNumber()), result.note());
        return new Outcome(false, result.note(), result.episode());
    }

    /** @param episode the episode after the event, or null when the event touched none */
    record Outcome(boolean duplicate, String note, Episode episode) {
    }

    private record Result(String note, Episode episode) {
    }

    private Result admit(HospitalEvent event) {
        Optional<Episode> existing = episodes.lock(event.episodeId());
        if (existing.isEmpty()) {
            Episode episode = new Episode(event.episodeId(), Status.ADMITTED, event.patient(), event.stay());
            episodes.insert(episode);
            return new Result("admitted: episode opened", episode);
        }
        Episode current = samePatient(existing.get(), event);
        if (current.status() == Status.DISCHARGED) {
            return new Result("already discharged: admission details not changed", current);
        }
        Episode reopened = current.with(Status.ADMITTED, current.patient().updatedBy(event.patient()),
                current.stay().withoutDischarge().updatedBy(event.stay()));
        episodes.update(reopened);
        return new Result(current.status() == Status.CANCELLED ? "admitted again after a cancelled admission"
                : "admission details updated", reopened);
    }

    private Result discharge(HospitalEvent event, List<Object> published) {
        Optional<Episode> existing = episodes.lock(event.episodeId());
        Episode current;
        if (existing.isEmpty()) {
            current = new Episode(event.episodeId(), Status.ADMITTED, event.patient(), event.stay());
            episodes.insert(current);
        } else {
            current = samePatient(existing.get(), event);
        }
        if (current.status() == Status.CANCELLED) {
            throw RefusedEvent.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "PV1-19", "episode " + event.episodeId()
                    + " was cancelled (A11): send A01 again before discharging it");
        }
        if (current.status() == Status.DISCHARGED) {
            return new Result("already discharged: nothing published again", current);
        }
        Episode discharged = current.with(Status.DISCHARGED, current.patient().updatedBy(event.patient()),
                current.stay().updatedBy(event.stay()));
        episodes.update(discharged);
        if (discharged.stay().isAdmittedCare()) {
            published.add(EncounterEvents.discharged(discharged, event.facts(), event.patientCopyRequested()));
        }
        published.add(EncounterEvents.ended(discharged, event.clinicalCodes()));
        return new Result("discharged (" + discharged.stay().setting() + (discharged.stay().diedInHospital()
                ? ", died" : "") + "): " + String.join(" and ", published.stream()
                        .map(e -> e.getClass().getSimpleName()).toList()) + " published", discharged);
    }

    private Result cancelAdmission(HospitalEvent event, List<Object> published) {
        Optional<Episode> existing = episodes.lock(event.episodeId());
        if (existing.isEmpty()) {
            return new Result("no such episode: nothing to cancel", null);
        }
        Episode current = samePatient(existing.get(), event);
        if (current.status() == Status.CANCELLED) {
            return new Result("admission already cancelled", current);
        }
        Episode cancelled = current.with(Status.CANCELLED, current.patient(), current.stay());
        episodes.update(cancelled);
        published.add(EncounterEvents.cancelled(cancelled, event, clock.instant()));
        return new Result("admission cancelled: DischargeCancelled published", cancelled);
    }

    private Result cancelDischarge(HospitalEvent event, List<Object> published) {
        Optional<Episode> existing = episodes.lock(event.episodeId());
        if (existing.isEmpty()) {
            return new Result("no such episode: nothing to cancel", null);
        }
        Episode current = samePatient(existing.get(), event);
        if (current.status() != Status.DISCHARGED) {
            return new Result("episode not discharged (" + current.status() + "): nothing to cancel", current);
        }
        Episode admitted = current.with(Status.ADMITTED, current.patient(), current.stay().withoutDischarge());
        episodes.update(admitted);
        published.add(EncounterEvents.cancelled(admitted, event, clock.instant()));
        return new Result("discharge cancelled: DischargeCancelled published", admitted);
    }

    private Result updatePatient(HospitalEvent event) {
        List<Episode> touched = new ArrayList<>();
        if (event.episodeId() != null) {
            episodes.lock(event.episodeId()).map(e -> samePatient(e, event)).ifPresent(touched::add);
        }
        for (Episode open : episodes.openFor(event.patient().nhsNumber())) {
            if (touched.stream().noneMatch(e -> e.episodeId().equals(open.episodeId()))) {
                touched.add(open);
            }
        }
        for (Episode episode : touched) {
            episodes.update(episode.with(episode.status(), episode.patient().updatedBy(event.patient()),
                    episode.stay()));
        }
        return new Result("demographics updated on " + touched.size() + " episode(s)",
                touched.isEmpty() ? null : touched.get(0));
    }

    private static Episode samePatient(Episode episode, HospitalEvent event) {
        if (!episode.patient().nhsNumber().equals(event.patient().nhsNumber())) {
            throw RefusedEvent.error(ErrorCode.DUPLICATE_KEY_IDENTIFIER, "PV1-19", "episode " + episode.episodeId()
                    + " belongs to another patient (NHS number ending " + episode.patient().nhsNumber().substring(6)
                    + ")");
        }
        return episode;
    }
}
