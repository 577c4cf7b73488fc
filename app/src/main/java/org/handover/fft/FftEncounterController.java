package org.handover.fft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.handover.encounter.EncounterEnded;
import org.handover.quarantine.Quarantine;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/fft/encounters}: ended encounters from sources other than Handover's own intakes (an outpatient
 * system, an A&amp;E system). Validated, stored with the eligibility decision, then answered.
 * <ul>
 * <li>One encounter (a JSON object): 201 for a new encounter, 200 with the first decision for one already received
 * (idempotent by encounter id), 400 with every problem for a bad one, which is kept in quarantine.</li>
 * <li>Up to {@value #MAX_BATCH} encounters (a JSON array), as a source sends its day's attendances: 200 with one
 * result per element in order, each with the status it would have had alone (201, 200 or 400 with its problems and
 * quarantine id). The good ones are stored and decided together in one transaction; a bad one does not hold them
 * up.</li>
 * </ul>
 */
@RestController
class FftEncounterController {

    static final int MAX_BATCH = 500;
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
        JsonNode json;
        try {
            json = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return refuse(body, List.of("The body is not the JSON expected: " + e.getOriginalMessage()));
        }
        if (json == null || json.isMissingNode() || json.isNull()) {
            return refuse(body, List.of("A JSON body is required"));
        }
        if (json.isArray()) {
            return encountersEnded(json, body, user);
        }
        Result result = accept(List.of(read(json, body)), user).get(0);
        return ResponseEntity.status(result.status()).body(result.body());
    }

    private ResponseEntity<?> encountersEnded(JsonNode array, String body, Principal user) {
        if (array.isEmpty() || array.size() > MAX_BATCH) {
            return refuse(body, List.of("An array of 1 to " + MAX_BATCH + " encounters is required; this one has "
                    + array.size()));
        }
        List<Read> reads = new ArrayList<>();
        array.forEach(element -> reads.add(read(element, element.toString())));
        List<Map<String, Object>> results = new ArrayList<>();
        for (Result result : accept(reads, user)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", result.status());
            entry.put("result", result.body());
            results.add(entry);
        }
        return ResponseEntity.ok(Map.of("results", results));
    }

    /** One element of the body: the request, or why it cannot be one. */
    private record Read(EncounterRequest request, List<String> problems, String text) {
    }

    private record Result(int status, Object body) {
    }

    private Read read(JsonNode element, String text) {
        EncounterRequest request;
        try {
            request = JSON.treeToValue(element, EncounterRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            return new Read(null, List.of("The body is not the JSON expected: " + detail), text);
        }
        if (request == null) {
            return new Read(null, List.of("A JSON body is required"), text);
        }
        return new Read(request, request.problems(clock), text);
    }

    /** Quarantines the bad, starts the good together (one by one if that fails), audits each new decision. */
    private List<Result> accept(List<Read> reads, Principal user) {
        Result[] results = new Result[reads.size()];
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            if (read.problems().isEmpty()) {
                good.add(i);
            } else {
                String quarantineId = quarantine.keep("fft-encounter", String.join("; ", read.problems()), read.text());
                results[i] = new Result(400, Map.of("problems", read.problems(), "quarantineId", quarantineId));
            }
        }
        List<FftConversations.Started> started = start(good.stream().map(i -> reads.get(i).request().toEvent())
                .toList());
        List<AuditLog.Change> changes = new ArrayList<>();
        for (int g = 0; g < good.size(); g++) {
            FftConversations.Started one = started.get(g);
            if (one.created()) {
                changes.add(new AuditLog.Change("fft-encounter/" + one.encounterId(),
                        reads.get(good.get(g)).request().nhsNumber().replace(" ", ""), "FFT decision: " + one.decision()));
            }
            results[good.get(g)] = new Result(one.created() ? 201 : 200, one);
        }
        audit.changedAll(user.getName(), changes);
        return List.of(results);
    }

    private List<FftConversations.Started> start(List<EncounterEnded> encounters) {
        if (encounters.isEmpty()) {
            return List.of();
        }
        try {
            return conversations.startAll(encounters, "api");
        } catch (DataAccessException sameEncounterAtTheSameMoment) {
            // another request stored one of these in between: each alone sees the stored one, or fails on its own
            List<FftConversations.Started> started = new ArrayList<>();
            for (EncounterEnded encounter : encounters) {
                started.add(startOne(encounter));
            }
            return started;
        }
    }

    private FftConversations.Started startOne(EncounterEnded encounter) {
        try {
            return conversations.start(encounter, "api");
        } catch (DuplicateKeyException sameEncounterAtTheSameMoment) {
            return conversations.find(encounter.encounterId()).orElseThrow();
        }
    }

    private ResponseEntity<?> refuse(String body, List<String> problems) {
        String quarantineId = quarantine.keep("fft-encounter", String.join("; ", problems), body);
        return ResponseEntity.badRequest().body(Map.of("problems", problems, "quarantineId", quarantineId));
    }
}
