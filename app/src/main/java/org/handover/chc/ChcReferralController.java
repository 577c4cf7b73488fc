package org.handover.chc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.handover.audit.AuditLog;
import org.handover.quarantine.Quarantine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/chc/referrals}: another system asks for a CHC Checklist for a patient. JSON:
 * <pre>{"referralId": "...", "patient": {"nhsNumber", "name", "birthDate", "gpPracticeOds", "councilCode", "email",
 *  "ward"}, "referrer": {"name", "organisation"}, "reason": "...", "advocate": {"name", "relationship", "email"}}</pre>
 * 201 with the case when opened (stored and its process started before the answer), 200 with the same case when the
 * referral id was seen before, 400 naming every problem, 422 for an NHS number that fails its check digit. Refused
 * bodies are kept in quarantine and the quarantine id is quoted.
 */
@RestController
@RequestMapping("/api/chc/referrals")
class ChcReferralController {

    static final String SENDERS = "hasAnyRole('INTEGRATION', 'CAMUNDA_ADMIN')";
    static final String QUARANTINE_SOURCE = "chc-referral-api";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChcIntake intake;
    private final ChcRequests requests;
    private final Quarantine quarantine;
    private final AuditLog audit;

    ChcReferralController(ChcIntake intake, ChcRequests requests, Quarantine quarantine, AuditLog audit) {
        this.intake = intake;
        this.requests = requests;
        this.quarantine = quarantine;
        this.audit = audit;
    }

    @PostMapping
    @PreAuthorize(SENDERS)
    ResponseEntity<Map<String, Object>> refer(@RequestBody(required = false) byte[] bytes, Principal user) {
        String body = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode json = parse(body);
            String referralId = text(json, "referralId");
            if (referralId == null) {
                throw new ChcRequestException(400, List.of("referralId is required: it makes a repeated request safe"));
            }
            if (referralId.length() > 100) {
                throw new ChcRequestException(400, List.of("referralId is longer than 100 characters"));
            }
            NewChcCase request = requests.read(ChcCases.SOURCE_API, referralId, ChcCases.STANDARD,
                    name -> field(json, name));
            ChcIntake.Opened opened;
            try {
                opened = intake.open(request);
            } catch (DuplicateKeyException sameReferralAtTheSameMoment) {
                opened = intake.open(request);
            }
            ChcCase c = opened.chcCase();
            audit.changed(user.getName(), "chc-case/" + c.id(), c.nhsNumber(), opened.created()
                    ? "CHC referral received, referral id " + referralId : "CHC referral repeated, referral id " + referralId);
            return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .header("Location", "/api/chc/cases/" + c.id()).body(answer(c, opened.created()));
        } catch (ChcRequestException refused) {
            String quarantineId = quarantine.keep(QUARANTINE_SOURCE, refused.getMessage(), body);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("status", refused.status());
            problem.put("title", refused.status() == 422 ? "The NHS number is not valid" : "The referral is not valid");
            problem.put("problems", refused.problems());
            problem.put("quarantineId", quarantineId);
            return ResponseEntity.status(refused.status()).body(problem);
        }
    }

    private static Map<String, Object> answer(ChcCase c, boolean created) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("caseId", c.id());
        out.put("referralId", c.sourceRef());
        out.put("status", c.status());
        out.put("created", created);
        out.put("case", "/api/chc/cases/" + c.id());
        return out;
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            throw new ChcRequestException(400, List.of("The body is empty: send the referral as JSON"));
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new ChcRequestException(400, List.of("The body must be a JSON object"));
            }
            return json;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ChcRequestException(400, List.of("The body is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    private static String field(JsonNode json, String name) {
        return switch (name) {
            case "nhsNumber" -> text(json.path("patient"), "nhsNumber");
            case "patientName" -> text(json.path("patient"), "name");
            case "birthDate" -> text(json.path("patient"), "birthDate");
            case "gpPracticeOds" -> text(json.path("patient"), "gpPracticeOds");
            case "councilCode" -> text(json.path("patient"), "councilCode");
            case "patientEmail" -> text(json.path("patient"), "email");
            case "ward" -> text(json.path("patient"), "ward");
            case "referrer" -> referrer(json.path("referrer"));
            case "reason" -> text(json, "reason");
            case "advocateName" -> text(json.path("advocate"), "name");
            case "advocateRelationship" -> text(json.path("advocate"), "relationship");
            case "advocateEmail" -> text(json.path("advocate"), "email");
            default -> null;
        };
    }

    private static String referrer(JsonNode referrer) {
        String name = text(referrer, "name");
        String organisation = text(referrer, "organisation");
        return name == null ? null : organisation == null ? name : name + ", " + organisation;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
