package org.handover.fft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.handover.quarantine.Quarantine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/fft/encounters}: ended encounters from sources other than Handover's own intakes (an outpatient
 * system, an A&amp;E system). Validated, stored with the eligibility decision, then answered: 201 for a new
 * encounter, 200 with the first decision for one already received (idempotent by encounter id), 400 with every
 * problem for a bad one, which is kept in quarantine.
 */
@RestController
class FftEncounterController {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final FftConversations conversations;
    private final Quarantine quarantine;
    private final AuditLog audit;
    private final Clock clock;

    FftEncounterController(FftConversations conversations, Quarantine quarantine, AuditLog audit, Clock clock) {
        this.conversations = conversations;
        this.quarantine = quarantine;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping(path = "/api/fft/encounters", consumes = "application/json")
    @PreAuthorize("hasAnyRole('INTEGRATION', 'CAMUNDA_ADMIN')")
    ResponseEntity<?> encounterEnded(@RequestBody(required = false) String body, Principal user) {
        EncounterRequest request;
        try {
            request = body == null ? null : JSON.readValue(body, EncounterRequest.class);
        } catch (JsonProcessingException e) {
            return refuse(body, List.of("The body is not the JSON expected: " + e.getOriginalMessage()));
        }
        if (request == null) {
            return refuse(body, List.of("A JSON body is required"));
        }
        List<String> problems = request.problems(clock);
        if (!problems.isEmpty()) {
            return refuse(body, problems);
        }
        FftConversations.Started started;
        try {
            started = conversations.start(request.toEvent(), "api");
        } catch (DuplicateKeyException sameEncounterAtTheSameMoment) {
            started = conversations.find(request.encounterId()).orElseThrow();
        }
        if (started.created()) {
            audit.changed(user.getName(), "fft-encounter/" + started.encounterId(), request.nhsNumber().replace(" ", ""),
                    "FFT decision: " + started.decision());
        }
        return ResponseEntity.status(started.created() ? 201 : 200).body(started);
    }

    private ResponseEntity<?> refuse(String body, List<String> problems) {
        String quarantineId = quarantine.keep("fft-encounter", String.join("; ", problems), body);
        return ResponseEntity.badRequest().body(Map.of("problems", problems, "quarantineId", quarantineId));
    }
}
