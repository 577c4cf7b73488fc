package org.handover.referral;

import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.handover.audit.AuditLog;
import org.handover.domain.InvalidNhsNumberException;
import org.handover.domain.Masking;
import org.handover.domain.NhsNumber;
import org.handover.fhir.FhirAnswers;
import org.handover.fhir.FhirBodyCheck;
import org.handover.fhir.FhirFormat;
import org.handover.fhir.FhirProblem.Issue;
import org.handover.fhir.FhirProblem;
import org.handover.fhir.ReturnPreference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * FHIR R4 ServiceRequest endpoint for GP referrals: create (POST), read (GET by id), search (by UBRN or patient NHS
 * number) and resubmit with further information (PUT with If-Match). JSON and XML both ways; every refused input is
 * quarantined and its quarantine id quoted in the OperationOutcome; every read is audited.
 */
@RestController
@RequestMapping(ReferralResources.PATH)
class ReferralIntakeController {

    static final String SENDERS = "hasAnyRole('INTEGRATION', 'CAMUNDA_ADMIN')";
    /** Systems, administrators and the hospital staff who triage, book and care for referred patients. */
    static final String READERS = "hasAnyRole('INTEGRATION', 'CAMUNDA_ADMIN', 'CONSULTANTS', 'BOOKING_ADMINS', "
            + "'WARD_ADMINS', 'DISCHARGE_COORDINATORS')";
    static final String QUARANTINE_SOURCE = "fhir-servicerequest";
    static final String QUARANTINE_HEADER = FhirAnswers.QUARANTINE_HEADER;
    static final String REASON_HEADER = "X-Handover-Reason";
    /** Larger documents go by DocumentReference URL, not inline. */
    static final int MAX_BODY_CHARS = 1_000_000;
    private static final FhirBodyCheck BODY = new FhirBodyCheck("ServiceRequest",
            " (application/json and application/xml also do)", MAX_BODY_CHARS,
            ": send large documents as DocumentReference URLs, not inline", "ServiceRequest.supportingInfo");
    private static final Duration RACE_PATIENCE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ReferralIntakeController.class);

    private final ServiceRequestMapper mapper = new ServiceRequestMapper();
    private final ReferralIntake intake;
    private final Referrals referrals;
    private final AuditLog audit;
    private final FhirAnswers answers;

    ReferralIntakeController(ReferralIntake intake, Referrals referrals, AuditLog audit, FhirAnswers answers) {
        this.intake = intake;
        this.referrals = referrals;
        this.audit = audit;
        this.answers = answers;
    }

    @PostMapping
    @PreAuthorize(SENDERS)
    ResponseEntity<String> create(@RequestBody(required = false) byte[] bytes,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = ReturnPreference.HEADER, required = false) String prefer,
            @RequestParam(name = "_format", required = false) String format, Principal user) {
        String body = FhirAnswers.decode(bytes, contentType);
        Optional<FhirFormat> in = FhirFormat.ofBody(contentType, body);
        FhirFormat out = FhirFormat.forAnswer(format, accept, in.orElse(FhirFormat.JSON));
        ReturnPreference returning = ReturnPreference.of(prefer);
        return answering(body, out, () -> {
            FhirAnswers.requireReadable(bytes, contentType);
            ServiceRequestMapper.Received received = mapper.receive(BODY.checked(body, in), in.orElseThrow());
            NewReferral referral = received.referral();
            ReferralRecord stored;
            try {
                // No look-up first: a UBRN sent again is rare, and the unique key finds it (one query less each time).
                stored = intake.receive(referral, user.getName());
            } catch (DuplicateKeyException sameUbrn) {
                log.debug("UBRN {} is already stored: answering with that referral", referral.ubrn());
                return again(awaitStored(referral.ubrn()), referral, out, returning, user);
            }
            ResponseEntity.BodyBuilder created = resource(201, stored, out)
                    .header(HttpHeaders.LOCATION, stored.resourcePath());
            return returning == ReturnPreference.MINIMAL ? minimal(created)
                    : created.body(encode(ReferralResources.toServiceRequest(stored, received.resource()), out));
        });
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    ResponseEntity<String> read(@PathVariable String id,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = REASON_HEADER, required = false) String reason,
            @RequestParam(name = "_format", required = false) String format, Principal user) {
        FhirFormat out = FhirFormat.forAnswer(format, accept, FhirFormat.JSON);
        return answering(null, out, () -> {
            ReferralRecord referral = existing(id);
            audit.read(user.getName(), resourceName(referral), referral.nhsNumber(), reasonOf(reason));
            return resource(200, referral, out).body(encode(ReferralResources.toServiceRequest(referral), out));
        });
    }

    /**
     * {@code identifier=https://fhir.nhs.uk/Id/UBRN|{ubrn}} and/or {@code patient:identifier} (or
     * {@code subject:identifier}) {@code =https://fhir.nhs.uk/Id/nhs-number|{nhsNumber}}; the system may be left out.
     * Other parameters are ignored (lenient handling).
     */
    @GetMapping
    @PreAuthorize(READERS)
    ResponseEntity<String> search(@RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = REASON_HEADER, required = false) String reason, Principal user) {
        FhirFormat out = FhirFormat.forAnswer(parameters.getFirst("_format"), accept, FhirFormat.JSON);
        return answering(null, out, () -> {
            String identifier = parameters.getFirst("identifier");
            String patient = Optional.ofNullable(parameters.getFirst("patient:identifier"))
                    .orElse(parameters.getFirst("subject:identifier"));
            if (identifier == null && patient == null) {
                throw FhirProblem.answer(400, IssueType.NOTSUPPORTED, "Search referrals by identifier="
                        + ServiceRequestMapper.UBRN_SYSTEM + "|{ubrn} or patient:identifier=" + NhsNumber.FHIR_SYSTEM
                        + "|{nhsNumber}", "ServiceRequest");
            }
            List<ReferralRecord> found = new ArrayList<>();
            if (patient != null) {
                found.addAll(byPatient(patient));
            }
            if (identifier != null) {
                List<ReferralRecord> byUbrn = byUbrn(identifier);
                if (patient != null) {
                    found.removeIf(r -> byUbrn.stream().noneMatch(u -> u.id().equals(r.id())));
                } else {
                    found.addAll(byUbrn);
                }
            }
            for (ReferralRecord referral : found) {
                audit.read(user.getName(), resourceName(referral), referral.nhsNumber(), reasonOf(reason));
            }
            Bundle bundle = ReferralResources.searchset(found,
                    ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
            bundle.addLink().setRelation("self").setUrl(ServletUriComponentsBuilder.fromCurrentRequest().toUriString());
            return ResponseEntity.ok().contentType(out.mediaType()).body(encode(bundle, out));
        });
    }

    /** Resubmission with further information, only while the referral waits for it; If-Match required. */
    @PutMapping("/{id}")
    @PreAuthorize(SENDERS)
    ResponseEntity<String> update(@PathVariable String id, @RequestBody(required = false) byte[] bytes,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(value = ReturnPreference.HEADER, required = false) String prefer,
            @RequestParam(name = "_format", required = false) String format, Principal user) {
        String body = FhirAnswers.decode(bytes, contentType);
        Optional<FhirFormat> in = FhirFormat.ofBody(contentType, body);
        FhirFormat out = FhirFormat.forAnswer(format, accept, in.orElse(FhirFormat.JSON));
        return answering(body, out, () -> {
            FhirAnswers.requireReadable(bytes, contentType);
            ReferralRecord current = existing(id);
            if (ifMatch == null || ifMatch.isBlank()) {
                throw FhirProblem.answer(428, IssueType.REQUIRED, "Updating a referral needs If-Match with the ETag "
                        + "of the version read (e.g. If-Match: W/\"" + current.version() + "\")", "ServiceRequest");
            }
            int expected = version(ifMatch);
            if (expected != current.version()) {
                throw FhirProblem.answer(412, IssueType.CONFLICT, "The referral has changed since version " + expected
                        + " (now " + current.version() + "): read it again and resubmit against its current ETag",
                        "ServiceRequest");
            }
            NewReferral resubmitted = mapper.read(BODY.checked(body, in), in.orElseThrow());
            if (!resubmitted.ubrn().equals(current.ubrn())) {
                throw FhirProblem.refused(400, List.of(Issue.invalid("The UBRN differs from that of the referral "
                        + "being updated", ServiceRequestMapper.UBRN_PATH)));
            }
            if (!resubmitted.nhsNumber().equals(current.nhsNumber())) {
                throw FhirProblem.refused(400, List.of(Issue.invalid("The patient's NHS number differs from that of "
                        + "the referral being updated", "ServiceRequest.subject")));
            }
            ReferralRecord updated = intake.resubmit(current, expected, resubmitted);
            ReferralRecord now = referrals.findById(updated.id()).orElse(updated);
            audit.changed(user.getName(), resourceName(now), now.nhsNumber(),
                    "Referral resubmitted with further information over FHIR");
            return ReturnPreference.of(prefer) == ReturnPreference.MINIMAL ? minimal(resource(200, now, out))
                    : resource(200, now, out).body(encode(ReferralResources.toServiceRequest(now), out));
        });
    }

    /** Refusals by method security as FHIR answers too (the filter chain already answered 401 without credentials). */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<String> forbidden(AccessDeniedException e) {
        return answers.problem(FhirProblem.answer(403, IssueType.FORBIDDEN,
                "Your role may not do this with referrals", "ServiceRequest"), null, FhirFormat.JSON, QUARANTINE_SOURCE);
    }

    // --- helpers ---

    private ResponseEntity<String> answering(String body, FhirFormat out, Supplier<ResponseEntity<String>> work) {
        try {
            return work.get();
        } catch (FhirProblem problem) {
            return answers.problem(problem, body, out, QUARANTINE_SOURCE);
        }
    }

    private ResponseEntity<String> again(ReferralRecord existing, NewReferral referral, FhirFormat out,
            ReturnPreference returning, Principal user) {
        if (!existing.nhsNumber().equals(referral.nhsNumber())) {
            throw FhirProblem.refused(409, List.of(new Issue(IssueType.DUPLICATE, "UBRN " + referral.ubrn()
                    + " already belongs to a referral for another patient", List.of(ServiceRequestMapper.UBRN_PATH))));
        }
        audit.read(user.getName(), resourceName(existing), existing.nhsNumber(),
                "Referral posted again with the same UBRN: the stored referral was returned");
        ResponseEntity.BodyBuilder found = resource(200, existing, out)
                .header(HttpHeaders.CONTENT_LOCATION, existing.resourcePath());
        return returning == ReturnPreference.MINIMAL ? minimal(found)
                : found.body(encode(ReferralResources.toServiceRequest(existing), out));
    }

    /** The other request that stored this UBRN may not have committed yet. */
    private ReferralRecord awaitStored(String ubrn) {
        long deadline = System.nanoTime() + RACE_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ReferralRecord> stored = referrals.findByUbrn(ubrn);
            if (stored.isPresent()) {
                return stored.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw FhirProblem.answer(409, IssueType.CONFLICT, "A referral with UBRN " + ubrn + " is being stored by "
                + "another request: retry in a moment", ServiceRequestMapper.UBRN_PATH);
    }

    private ReferralRecord existing(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notOurs) {
            throw notFound(id);
        }
        return intake.find(uuid).orElseThrow(() -> notFound(id));
    }

    private static FhirProblem notFound(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
        return FhirProblem.answer(404, IssueType.NOTFOUND, "No ServiceRequest with id " + Masking.maskNhsNumbers(shown),
                "ServiceRequest.id");
    }

    private List<ReferralRecord> byUbrn(String token) {
        String[] parts = token.split("\\|", -1);
        String system = parts.length > 1 ? parts[0] : null;
        String value = parts[parts.length - 1].strip();
        if (system != null && !system.isEmpty() && !system.equals(ServiceRequestMapper.UBRN_SYSTEM)) {
            return List.of();
        }
        return referrals.findByUbrn(value.replaceAll("[ -]", "")).map(List::of).orElse(List.of());
    }

    private List<ReferralRecord> byPatient(String token) {
        String[] parts = token.split("\\|", -1);
        String system = parts.length > 1 ? parts[0] : null;
        if (system != null && !system.isEmpty() && !system.equals(NhsNumber.FHIR_SYSTEM)) {
            return List.of();
        }
        try {
            return referrals.findByNhsNumber(NhsNumber.of(parts[parts.length - 1]).value());
        } catch (InvalidNhsNumberException e) {
            throw FhirProblem.answer(422, IssueType.INVALID, e.getMessage(), "patient:identifier");
        }
    }

    private static int version(String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "").strip();
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw FhirProblem.answer(400, IssueType.INVALID, "If-Match must carry the ETag read, e.g. W/\"3\"",
                    "ServiceRequest");
        }
    }

    private static ResponseEntity.BodyBuilder resource(int status, ReferralRecord referral, FhirFormat out) {
        return ResponseEntity.status(status)
                .contentType(out.mediaType())
                .eTag("W/\"" + referral.version() + "\"")
                .lastModified(referral.updated());
    }

    /** Status, Location, ETag and Last-Modified only: no resource, so no Content-Type either. */
    private static ResponseEntity<String> minimal(ResponseEntity.BodyBuilder answer) {
        return answer.headers(headers -> headers.remove(HttpHeaders.CONTENT_TYPE))
                .header(ReturnPreference.APPLIED_HEADER, ReturnPreference.MINIMAL_APPLIED).build();
    }

    private String encode(IBaseResource resource, FhirFormat format) {
        return answers.encode(resource, format);
    }

    private static String resourceName(ReferralRecord referral) {
        return referral.resourceName();
    }

    private static String reasonOf(String header) {
        if (header == null || header.isBlank()) {
            return "FHIR read";
        }
        String reason = header.replaceAll("\\p{Cntrl}", " ").strip();
        return reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
}
