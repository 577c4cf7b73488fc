package org.handover.adt;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.handover.audit.AuditLog;
import org.handover.fhir.FhirAnswers;
import org.handover.fhir.FhirBodyCheck;
import org.handover.fhir.FhirFormat;
import org.handover.fhir.FhirProblem;
import org.handover.fhir.FhirProblem.Issue;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hospital events as FHIR R4 Encounters, for systems without HL7 v2: POST /fhir/r4/Encounter (JSON or XML). 201
 * when stored, 200 when the same Encounter identifier and status was stored before (nothing done again), 400 with
 * an OperationOutcome naming the element, 422 for an invalid NHS number, 409 when it contradicts the episode.
 */
@RestController
@RequestMapping(EncounterIntakeController.PATH)
class EncounterIntakeController {

    static final String PATH = "/fhir/r4/Encounter";
    static final String SENDERS = "hasAnyRole('INTEGRATION', 'CAMUNDA_ADMIN')";
    static final String QUARANTINE_SOURCE = "fhir-encounter";
    private static final FhirBodyCheck BODY = new FhirBodyCheck("Encounter", "", 1_000_000, "", "Encounter");

    private final EncounterMapper mapper;
    private final EpisodeIntake intake;
    private final FhirAnswers answers;
    private final AuditLog audit;

    EncounterIntakeController(EpisodeIntake intake, FhirAnswers answers, AuditLog audit) {
        this.mapper = new EncounterMapper(answers.context());
        this.intake = intake;
        this.answers = answers;
        this.audit = audit;
    }

    @PostMapping
    @PreAuthorize(SENDERS)
    ResponseEntity<String> create(@RequestBody(required = false) byte[] bytes,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestParam(name = "_format", required = false) String format, Principal user) {
        String body = FhirAnswers.decode(bytes, contentType);
        Optional<FhirFormat> in = FhirFormat.ofBody(contentType, body);
        FhirFormat out = FhirFormat.forAnswer(format, accept, in.orElse(FhirFormat.JSON));
        try {
            FhirAnswers.requireReadable(bytes, contentType);
            Encounter encounter = mapper.parse(BODY.checked(body, in), in.orElseThrow());
            HospitalEvent event = mapper.map(encounter);
            EpisodeIntake.Outcome outcome = stored(event, body);
            if (!outcome.duplicate()) {
                audit.changed(user.getName(), "Encounter/" + event.episodeId(), event.patient().nhsNumber(),
                        "Encounter " + encounter.getStatus().toCode() + " received over FHIR: " + outcome.note());
            }
            encounter.setId(event.episodeId());
            encounter.getMeta().setLastUpdatedElement(InstantType.now());
            return ResponseEntity.status(outcome.duplicate() ? 200 : 201).contentType(out.mediaType())
                    .header("X-Handover-Outcome", outcome.note())
                    .body(answers.encode(encounter, out));
        } catch (FhirProblem problem) {
            return answers.problem(problem, body, out, QUARANTINE_SOURCE);
        } catch (RefusedEvent refusal) {
            return answers.problem(FhirProblem.refused(409, List.of(new Issue(IssueType.CONFLICT,
                    refusal.getMessage().replace("PV1-19", "Encounter.identifier"), List.of("Encounter.identifier")))),
                    body, out, QUARANTINE_SOURCE);
        }
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<String> forbidden(AccessDeniedException e) {
        return answers.problem(FhirProblem.answer(403, IssueType.FORBIDDEN,
                "Your role may not post hospital encounters", "Encounter"), null, FhirFormat.JSON, QUARANTINE_SOURCE);
    }

    private EpisodeIntake.Outcome stored(HospitalEvent event, String body) {
        try {
            return intake.receive(event, body);
        } catch (DuplicateKeyException sameEncounterAtTheSameMoment) {
            return new EpisodeIntake.Outcome(true, "duplicate of an Encounter received at the same moment", null);
        }
    }
}
