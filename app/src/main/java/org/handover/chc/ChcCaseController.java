package org.handover.chc;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A CHC case's history for the CHC team, the panel and administrators: the case, its decisions, its forms and letters
 * (as PDF documents), the messages sent, the copies for the GP practice (waiting for its MESH mailbox, sent, or to
 * post), the letters the team must print and post, and the timeline. Every read is audited.
 */
@RestController
@RequestMapping("/api/chc")
class ChcCaseController {

    static final String READERS = "hasAnyRole('CHC_COORDINATORS', 'CHC_PANEL', 'CAMUNDA_ADMIN')";
    static final String REASON_HEADER = "X-Handover-Reason";

    private final ChcCases cases;
    private final GpCopies gpCopies;
    private final AuditLog audit;

    ChcCaseController(ChcCases cases, GpCopies gpCopies, AuditLog audit) {
        this.cases = cases;
        this.gpCopies = gpCopies;
        this.audit = audit;
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize(READERS)
    ResponseEntity<Map<String, Object>> history(@PathVariable String id,
            @RequestHeader(value = REASON_HEADER, required = false) String reason, Principal user) {
        ChcCase c = cases.find(id).orElse(null);
        if (c == null) {
            return ResponseEntity.status(404).body(Map.of("status", 404, "title", "No CHC case " + id));
        }
        audit.read(user.getName(), "chc-case/" + id, c.nhsNumber(), reason == null ? "CHC case history" : reason);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("case", c);
        out.put("decisions", decisions(c));
        out.put("documents", cases.documents(id).stream().map(d -> Map.of("id", d.id(), "kind", d.kind(),
                "title", d.title(), "fileName", d.fileName(), "createdAt", d.createdAt(),
                "href", "/api/chc/cases/" + id + "/documents/" + d.id())).toList());
        out.put("letters", cases.letters(id));
        out.put("gpCopies", gpCopies.ofCase(id).stream().map(ChcCaseController::gpCopy).toList());
        List<ChcCases.Event> timeline = cases.events(id);
        out.put("lettersToPost", timeline.stream().filter(e -> e.kind().equals(ChcCases.LETTER_TO_POST)).toList());
        out.put("timeline", timeline);
        return ResponseEntity.ok(out);
    }

    @GetMapping("/cases/{id}/documents/{documentId}")
    @PreAuthorize(READERS)
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String documentId,
            @RequestHeader(value = REASON_HEADER, required = false) String reason, Principal user) {
        ChcCase c = cases.find(id).orElse(null);
        byte[] pdf = c == null ? null : cases.pdf(id, documentId).orElse(null);
        if (pdf == null) {
            return ResponseEntity.notFound().build();
        }
        audit.read(user.getName(), "chc-case/" + id + "/documents/" + documentId, c.nhsNumber(),
                reason == null ? "CHC case document" : reason);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline").body(pdf);
    }

    /** Percent of standard referrals decided within 28 days of the ICB's receipt (NHS England's quarterly measure). */
    @GetMapping("/metrics/within-28-days")
    @PreAuthorize(READERS)
    Map<String, Object> within28Days() {
        ChcCases.Within28Days figures = cases.within28Days();
        return Map.of("decided", figures.decided(), "decidedWithin28Days", figures.withinTarget(),
                "percent", Math.round(figures.percent() * 10) / 10.0);
    }

    /** A letter's copy for the GP practice: waiting for the practice's MESH mailbox, sent, or to print and post. */
    private static Map<String, Object> gpCopy(GpCopies.GpCopy copy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", copy.messageId());
        out.put("type", copy.letterType());
        out.put("gpPracticeOds", copy.odsCode());
        out.put("workflowId", copy.workflowId());
        out.put("status", copy.status().name());
        out.put("mailbox", copy.mailboxId());
        out.put("failedAttempts", copy.failedAttempts());
        out.put("lastError", copy.lastError());
        out.put("nextAttemptAt", copy.status() == GpCopies.Status.WAITING ? copy.nextAttemptAt() : null);
        out.put("createdAt", copy.createdAt());
        out.put("settledAt", copy.settledAt());
        return out;
    }

    private static List<Map<String, Object>> decisions(ChcCase c) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        if (c.checklistPositive() != null) {
            out.add(Map.of("kind", "checklist", "positive", c.checklistPositive(), "rule", c.checklistRule(),
                    "counts", c.checklistCounts()));
        }
        if (c.recommendation() != null) {
            out.add(Map.of("kind", "recommendation", "outcome", c.recommendation(), "rule", c.recommendationRule()));
        }
        if (c.eligible() != null) {
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("kind", "panel");
            decision.put("eligible", c.eligible());
            decision.put("recommendationChanged", c.recommendationChanged());
            decision.put("decidedAt", c.decidedAt());
            decision.put("decidedWithin28Days", c.decidedWithinTarget());
            out.add(decision);
        }
        return out;
    }
}
