package org.handover.transfer;

import java.util.List;
import java.util.Map;
import org.handover.encounter.PatientDischarged;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.OutboundMessage;
import org.handover.socialcare.DischargeText;
import org.handover.transfer.TransferRecords.Transfer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The patient's own copy of the discharge summary, in plain words, when they asked for one at discharge. It is
 * written when the summary goes to the GP: by email through the mail channel when the channel is {@code email} and the
 * summary gives the patient's address, otherwise as a letter stored with the episode for the ward to print and post
 * ({@code GET /api/discharge/episodes/{id}/patient-copy}).
 */
@Component
class PatientCopies {

    static final String REQUESTED = "requested";

    private final JdbcTemplate jdbc;
    private final TransferRecords records;
    private final Outbox outbox;
    private final TransferOfCareConfig.TransferSettings settings;

    PatientCopies(JdbcTemplate jdbc, TransferRecords records, Outbox outbox,
            TransferOfCareConfig.TransferSettings settings) {
        this.jdbc = jdbc;
        this.records = records;
        this.outbox = outbox;
        this.settings = settings;
    }

    void requested(String episodeId) {
        records.patientCopy(episodeId, REQUESTED);
    }

    /** Writes the copy once, when the summary first goes to the GP; nothing when the patient did not ask. */
    void summarySent(String episodeId) {
        String channel = jdbc.queryForObject("select patient_copy_channel from transfer_of_care where episode_id = ?",
                String.class, episodeId);
        if (!REQUESTED.equals(channel)) {
            return;
        }
        Transfer transfer = records.find(episodeId).orElseThrow();
        String letter = letter(transfer.discharge(), transfer.summary());
        String email = transfer.summary().patientEmail();
        String used = "email".equals(settings.patientCopyChannel()) && email != null ? "email" : "letter";
        if (used.equals("email")) {
            outbox.send(new OutboxEntry(EDischargeMessages.uuid("patient-copy:" + episodeId), Channel.SOCIAL_CARE,
                    email, "DischargeSummaryPatientCopy", episodeId, letter,
                    Map.of(OutboundMessage.SUBJECT, "Your hospital discharge summary from " + settings.trustName())));
        }
        jdbc.update("update transfer_of_care set patient_copy_channel = ?, patient_copy = ? where episode_id = ?", used,
                letter, episodeId);
    }

    String letter(PatientDischarged d, DischargeSummary s) {
        StringBuilder text = new StringBuilder();
        text.append("Dear ").append(DischargeText.name(d)).append(",\n\n");
        text.append("You left ").append(d.ward() == null ? "hospital" : d.ward()).append(" at ")
                .append(settings.trustName()).append(" on ").append(DischargeText.when(d.dischargedAt(), settings.zone()))
                .append(". You asked for a copy of what we told your GP practice. Here it is in plain words.\n\n");
        section(text, "Why you were in hospital", s.diagnoses());
        section(text, "What happened", List.of(s.clinicalSummary()));
        section(text, "What we have asked your GP to do", s.gpActions());
        section(text, "Your medicines (what started, stopped or changed)", s.medications());
        section(text, "Allergies we have recorded", s.allergies());
        section(text, "What we talked about with you", List.of(s.patientInformation()));
        if (Boolean.TRUE.equals(s.resultsPending())) {
            text.append("Some test results were not back when you left. We will send them to your GP when they"
                    + " arrive.\n\n");
        }
        text.append("If you feel worse, contact your GP practice or call 111. In an emergency call 999.\n\n")
                .append("NHS number: ").append(DischargeText.nhsNumber(d)).append("\nWritten by: ")
                .append(s.completedBy()).append('\n');
        return text.toString();
    }

    private static void section(StringBuilder text, String heading, List<String> items) {
        text.append(heading).append(":\n");
        items.forEach(item -> text.append("  - ").append(item).append('\n'));
        text.append('\n');
    }
}
