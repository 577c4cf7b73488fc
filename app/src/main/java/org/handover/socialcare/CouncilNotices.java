package org.handover.socialcare;

import static org.handover.socialcare.DischargeText.yesNo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.PatientDischarged;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.handover.routes.mail.MailContent;
import org.handover.routes.mesh.MeshRoute;
import org.handover.rules.discharge.Pathway;
import org.handover.system.MarkdownText;
import org.springframework.stereotype.Component;

/**
 * Writes discharge notifications and cancellations for a council to the outbox, in the caller's transaction, with only
 * the fields the council's sharing agreement allows. Secure email gets a readable body plus the structured notice as a
 * JSON attachment; MESH gets the structured notice. Message ids derive from the episode and process instance (a
 * cancellation from the notice it cancels), so a repeated step cannot send twice.
 */
@Component
class CouncilNotices {

    static final String NOTICE_TYPE = "DischargeToAssessNotice";
    static final String CANCELLATION_TYPE = "DischargeToAssessCancellation";

    private final Outbox outbox;
    private final Clock clock;
    private final SocialCareConfig.SocialCareSettings settings;
    private final ObjectMapper json;

    CouncilNotices(Outbox outbox, Clock clock, SocialCareConfig.SocialCareSettings settings, ObjectMapper json) {
        this.outbox = outbox;
        this.clock = clock;
        this.settings = settings;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** @param summary what was sent, as a markdown list, for the council's acknowledgement form */
    record Sent(String messageId, String summary) {
    }

    /** @param attemptKey the process instance: a discharge cancelled and made again is a new notice */
    Sent sendNotice(PatientDischarged discharge, Council council, Pathway pathway, String reason, ZonedDateTime due,
            String attemptKey) {
        String messageId = id("d2a-notice:", discharge.episodeId() + ":" + attemptKey);
        List<String[]> lines = lines(discharge, council, pathway, reason);
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("type", NOTICE_TYPE);
        notice.put("version", 1);
        notice.put("noticeId", messageId);
        notice.put("episodeId", discharge.episodeId());
        notice.put("sentAt", clock.instant().toString());
        notice.put("from", Map.of("name", settings.trustName(), "site", nullToEmpty(discharge.siteCode())));
        notice.put("council", Map.of("code", council.code(), "name", council.name()));
        notice.put("pathway", pathway(pathway, council.allows(NoticeField.SUPPORT_NEEDS) ? reason : null));
        notice.put("acknowledgeBy", due.toOffsetDateTime().toString());
        notice.put("patient", patient(discharge, council));
        Map<String, Object> stay = stay(discharge, council);
        if (!stay.isEmpty()) {
            notice.put("stay", stay);
        }
        if (council.allows(NoticeField.SUPPORT_NEEDS)) {
            notice.put("supportNeeds", supportNeeds(discharge.facts()));
        }
        if (council.allows(NoticeField.CARER_INVOLVEMENT)) {
            notice.put("carerInvolved", discharge.facts().carerInvolved());
        }
        String subject = "Discharge to Assess: Pathway " + pathway.number() + " notice, episode " + discharge.episodeId();
        StringBuilder body = new StringBuilder();
        body.append("Discharge to Assess notification from ").append(settings.trustName()).append(" to ")
                .append(council.name()).append(" social care.\n\n");
        lines.forEach(line -> body.append(line[0]).append(": ").append(line[1]).append('\n'));
        body.append("\nPlease acknowledge by ").append(DischargeText.WHEN.format(due)).append(" in Handover Tasklist (task "
                + "\"Acknowledge discharge notification\" for your team), quoting episode ").append(discharge.episodeId())
                .append(".\nThe structured notice is attached as ").append(fileName("discharge-notice", discharge))
                .append(".\n");
        send(council, messageId, NOTICE_TYPE, discharge, subject, body.toString(), write(notice),
                fileName("discharge-notice", discharge));
        StringBuilder summary = new StringBuilder();
        lines.forEach(line -> MarkdownText.item(summary, line[0], line[1]));
        return new Sent(messageId, summary.toString().strip());
    }

    /** Tells a council that was notified that the discharge was cancelled; returns the message id. */
    String sendCancellation(PatientDischarged discharge, Council council, String noticeMessageId, String reason) {
        String messageId = id("d2a-cancel:", noticeMessageId);
        Map<String, Object> cancellation = new LinkedHashMap<>();
        cancellation.put("type", CANCELLATION_TYPE);
        cancellation.put("version", 1);
        cancellation.put("noticeId", messageId);
        cancellation.put("cancels", noticeMessageId);
        cancellation.put("episodeId", discharge.episodeId());
        cancellation.put("sentAt", clock.instant().toString());
        cancellation.put("from", Map.of("name", settings.trustName(), "site", nullToEmpty(discharge.siteCode())));
        cancellation.put("reason", reason == null ? "Discharge cancelled" : reason);
        cancellation.put("patient", Map.of("nhsNumber", discharge.nhsNumber(), "name", DischargeText.name(discharge)));
        String subject = "Discharge to Assess: CANCELLED, episode " + discharge.episodeId();
        String body = "The hospital has cancelled the discharge it notified you of.\n\n"
                + "Patient: " + DischargeText.name(discharge) + "\n"
                + "NHS number: " + DischargeText.nhsNumber(discharge) + "\n"
                + "Episode: " + discharge.episodeId() + "\n"
                + "Reason: " + (reason == null ? "not given" : reason) + "\n\n"
                + "Please stop any arrangements made for this discharge. A new notification follows if the patient is "
                + "discharged later.\nThe structured cancellation is attached as "
                + fileName("discharge-cancellation", discharge) + ".\n";
        send(council, messageId, CANCELLATION_TYPE, discharge, subject, body, write(cancellation),
                fileName("discharge-cancellation", discharge));
        return messageId;
    }

    private void send(Council council, String messageId, String type, PatientDischarged discharge, String subject,
            String body, String structured, String fileName) {
        if (council.channel() == CouncilChannel.MESH) {
            outbox.send(new OutboxEntry(messageId, Channel.GP, council.address(), type, discharge.episodeId(),
                    structured, Map.of(OutboundMessage.MESH_WORKFLOW_ID, council.meshWorkflowId(),
                            OutboundMessage.SUBJECT, subject, MeshRoute.FILE_NAME, fileName,
                            MeshRoute.CONTENT_TYPE, "application/json")));
            return;
        }
        MailContent mail = new MailContent(body,
                List.of(MailContent.Attachment.text(fileName, "application/json", structured)));
        outbox.send(new OutboxEntry(messageId, Channel.SOCIAL_CARE, council.address(), type, discharge.episodeId(),
                mail.write(), Map.of(OutboundMessage.SUBJECT, subject, MailContent.FORMAT_ATTRIBUTE, MailContent.FORMAT)));
    }

    /** Label and value of every field sent, in reading order: the readable body and the form show the same. */
    private List<String[]> lines(PatientDischarged d, Council council, Pathway pathway, String reason) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Patient", DischargeText.name(d)});
        lines.add(new String[] {"NHS number", DischargeText.nhsNumber(d)});
        if (council.allows(NoticeField.BIRTH_DATE)) {
            lines.add(new String[] {"Date of birth", DischargeText.date(d.birthDate())});
        }
        if (council.allows(NoticeField.ADDRESS)) {
            lines.add(new String[] {"Address", d.addressLine() == null ? "not given" : d.addressLine()});
        }
        if (council.allows(NoticeField.POSTCODE)) {
            lines.add(new String[] {"Postcode", d.postcode() == null ? "not given" : d.postcode()});
        }
        if (council.allows(NoticeField.MOBILE)) {
            lines.add(new String[] {"Mobile", d.mobile() == null ? "not given" : d.mobile()});
        }
        if (council.allows(NoticeField.GP_PRACTICE)) {
            lines.add(new String[] {"GP practice (ODS)", d.gpPracticeOds() == null ? "not given" : d.gpPracticeOds()});
        }
        lines.add(new String[] {"Pathway", pathway.number() + ": " + pathway.label()});
        if (council.allows(NoticeField.SUPPORT_NEEDS) && reason != null) {
            lines.add(new String[] {"Why", reason});
        }
        if (council.allows(NoticeField.WARD)) {
            lines.add(new String[] {"Ward", d.ward() == null ? "not given" : d.ward()});
        }
        if (council.allows(NoticeField.SPECIALTY)) {
            lines.add(new String[] {"Specialty", d.specialty() == null ? "not given" : d.specialty()});
        }
        if (council.allows(NoticeField.ADMISSION_DATE)) {
            lines.add(new String[] {"Admitted", DischargeText.when(d.admittedAt(), settings.zone())});
        }
        if (council.allows(NoticeField.DISCHARGE_DATE)) {
            lines.add(new String[] {"Discharged", DischargeText.when(d.dischargedAt(), settings.zone())});
        }
        if (council.allows(NoticeField.SUPPORT_NEEDS)) {
            DischargeFacts f = d.facts();
            lines.add(new String[] {"Support needs", "support at home " + yesNo(f.needsSupportAtHome())
                    + "; lived alone " + yesNo(f.livedAlone()) + "; care package before admission "
                    + yesNo(f.carePackageBeforeAdmission()) + "; mobility "
                    + (f.mobility() == null ? "not recorded" : f.mobility().name().toLowerCase().replace('_', ' '))
                    + "; bed-based rehabilitation " + yesNo(f.needsBedBasedRehabilitation())
                    + "; new care-home placement " + yesNo(f.newCareHomePlacement())});
        }
        if (council.allows(NoticeField.CARER_INVOLVEMENT)) {
            lines.add(new String[] {"Carers and family involved", yesNo(d.facts().carerInvolved())});
        }
        lines.add(new String[] {"Episode", d.episodeId()});
        return lines;
    }

    private static Map<String, Object> pathway(Pathway pathway, String reason) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("number", pathway.number());
        map.put("label", pathway.label());
        if (reason != null) {
            map.put("reason", reason);
        }
        return map;
    }

    private static Map<String, Object> patient(PatientDischarged d, Council council) {
        Map<String, Object> patient = new LinkedHashMap<>();
        patient.put("nhsNumber", d.nhsNumber());
        patient.put("givenName", d.givenName());
        patient.put("familyName", d.familyName());
        if (council.allows(NoticeField.BIRTH_DATE) && d.birthDate() != null) {
            patient.put("birthDate", d.birthDate().toString());
        }
        if (council.allows(NoticeField.ADDRESS) && d.addressLine() != null) {
            patient.put("address", d.addressLine());
        }
        if (council.allows(NoticeField.POSTCODE) && d.postcode() != null) {
            patient.put("postcode", d.postcode());
        }
        if (council.allows(NoticeField.MOBILE) && d.mobile() != null) {
            patient.put("mobile", d.mobile());
        }
        if (council.allows(NoticeField.GP_PRACTICE) && d.gpPracticeOds() != null) {
            patient.put("gpPracticeOds", d.gpPracticeOds());
        }
        return patient;
    }

    private static Map<String, Object> stay(PatientDischarged d, Council council) {
        Map<String, Object> stay = new LinkedHashMap<>();
        if (council.allows(NoticeField.WARD) && d.ward() != null) {
            stay.put("ward", d.ward());
        }
        if (council.allows(NoticeField.SPECIALTY) && d.specialty() != null) {
            stay.put("specialty", d.specialty());
        }
        if (council.allows(NoticeField.ADMISSION_DATE) && d.admittedAt() != null) {
            stay.put("admittedAt", d.admittedAt().toString());
        }
        if (council.allows(NoticeField.DISCHARGE_DATE) && d.dischargedAt() != null) {
            stay.put("dischargedAt", d.dischargedAt().toString());
        }
        return stay;
    }

    private static Map<String, Object> supportNeeds(DischargeFacts f) {
        Map<String, Object> needs = new LinkedHashMap<>();
        needs.put("needsSupportAtHome", f.needsSupportAtHome());
        needs.put("livedAlone", f.livedAlone());
        needs.put("carePackageBeforeAdmission", f.carePackageBeforeAdmission());
        needs.put("mobility", f.mobility() == null ? null : f.mobility().name());
        needs.put("needsBedBasedRehabilitation", f.needsBedBasedRehabilitation());
        needs.put("newCareHomePlacement", f.newCareHomePlacement());
        return needs;
    }

    private String write(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the notice", e);
        }
    }

    private static String id(String kind, String episodeId) {
        return UUID.nameUUIDFromBytes((kind + episodeId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String fileName(String kind, PatientDischarged d) {
        return kind + "-" + d.episodeId().replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
