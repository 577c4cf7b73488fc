package org.handover.adt;

import java.security.Principal;
import java.util.List;
import java.util.stream.Collectors;
import org.handover.adt.EncounterDispatch.Row;
import org.handover.audit.AuditLog;
import org.handover.domain.Masking;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Hospital events whose hand-over to the downstream processes was given up (quarantined by {@link EncounterDispatcher}
 * after its last attempt), for administrators: the list, and a re-queue once the cause is fixed. Both are audited.
 * A re-queued event is dispatched again from its first attempt; one whose episode has later events already dispatched
 * would reach the processes out of the order the hospital sent, so that is refused unless asked for.
 */
@RestController
@RequestMapping("/api/admin/encounter-dispatch")
class EncounterDispatchAdminController {

    private final EncounterDispatch store;
    private final EncounterDispatcher dispatcher;
    private final TransactionTemplate transaction;
    private final HospitalEpisodes episodes;
    private final AuditLog audit;

    EncounterDispatchAdminController(EncounterDispatch store, EncounterDispatcher dispatcher,
            TransactionTemplate transaction, HospitalEpisodes episodes, AuditLog audit) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.transaction = transaction;
        this.episodes = episodes;
        this.audit = audit;
    }

    /** The errors may quote what the hospital sent: NHS numbers in them are masked, and the read is audited. */
    @GetMapping
    List<Row> quarantined(@RequestParam(defaultValue = "100") int limit, Principal user) {
        List<Row> rows = store.inState("QUARANTINED", Math.max(1, Math.min(limit, 1000))).stream()
                .map(EncounterDispatchAdminController::masked).toList();
        audit.read(user.getName(), "encounter-dispatch?state=QUARANTINED", null, "Reviewing hospital events not dispatched");
        return rows;
    }

    @PostMapping("/{hospitalEventId}/requeue")
    Row requeue(@PathVariable String hospitalEventId, @RequestParam(defaultValue = "false") boolean outOfOrder,
            Principal user) {
        Row requeued = transaction.execute(status -> {
            Row event = store.lockEvent(hospitalEventId).stream().findFirst()
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                            "No hospital event " + hospitalEventId + " among the events to dispatch"));
            refuseUnlessQuarantined(event);
            List<Row> later = store.dispatchedAfter(event);
            if (!later.isEmpty() && !outOfOrder) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "Episode " + event.episodeId() + " has "
                        + later.size() + " later event(s) dispatched since this one was quarantined ("
                        + later.stream().map(Row::summary).collect(Collectors.joining("; "))
                        + "): re-queued, " + event.summary() + " would reach the downstream processes after them,"
                        + " out of the order the hospital sent. Check the episode, then re-queue with outOfOrder=true"
                        + " to accept that.");
            }
            store.requeue(event.seq(), "re-queued by " + user.getName() + (later.isEmpty() ? "" : " out of order")
                    + " after: " + event.lastError());
            audit.changed(user.getName(), "encounter-dispatch/" + hospitalEventId, nhsNumber(event.episodeId()),
                    "Re-queued a quarantined hospital event (" + event.summary() + ")"
                            + (later.isEmpty() ? "" : " after " + later.size() + " later event(s) of its episode"));
            return store.lockEvent(hospitalEventId).get(0);
        });
        dispatcher.wakeUp();
        return masked(requeued);
    }

    private static void refuseUnlessQuarantined(Row event) {
        switch (event.state()) {
            case "QUARANTINED" -> {
            }
            case "PENDING" -> throw new ResponseStatusException(HttpStatus.CONFLICT, "Hospital event "
                    + event.hospitalEventId() + " is PENDING (" + event.attempts() + " attempt(s) so far): the"
                    + " dispatcher still tries it; only a QUARANTINED event can be re-queued");
            case "DISPATCHED" -> throw new ResponseStatusException(HttpStatus.CONFLICT, "Hospital event "
                    + event.hospitalEventId() + " was DISPATCHED at " + event.dispatchedAt() + ": the downstream"
                    + " processes have it; only a QUARANTINED event can be re-queued");
            default -> throw new ResponseStatusException(HttpStatus.CONFLICT, "Hospital event "
                    + event.hospitalEventId() + " is " + event.state() + "; only a QUARANTINED event can be re-queued");
        }
    }

    private String nhsNumber(String episodeId) {
        return episodes.find(episodeId).map(episode -> episode.patient().nhsNumber()).orElse(null);
    }

    private static Row masked(Row row) {
        return new Row(row.seq(), row.hospitalEventId(), row.episodeId(), row.summary(), row.state(), row.attempts(),
                row.createdAt(), row.dispatchedAt(), row.lastError() == null ? null
                        : Masking.maskNhsNumbers(row.lastError()));
    }
}
