package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.processes.chc.ChcFastTrackProcess;
import org.handover.processes.chc.ChcProcess;
import org.springframework.stereotype.Component;

/**
 * Sends the positive Checklist (or the Fast Track) to the ICB CHC team over its configured channel; the team also
 * sees the case's tasks in its Tasklist group. The ICB receives it now, so the clock starts now: 28 days to a
 * decision with warnings at day 14 and 21 (standard), or 48 hours to accept (Fast Track).
 */
@Component(ChcProcess.Delegates.REFER_TO_ICB)
class ReferToIcbDelegate implements JavaDelegate {

    static final String TYPE = "ChcReferral";
    static final String FAST_TRACK_TYPE = "ChcFastTrackReferral";

    private final ChcCases cases;
    private final ChcLetters letters;
    private final Clock clock;

    ReferToIcbDelegate(ChcCases cases, ChcLetters letters, Clock clock) {
        this.cases = cases;
        this.letters = letters;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(CASE_ID);
        Instant received = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ChcCase c = cases.get(caseId);
        if (ChcFastTrackProcess.Pathways.FAST_TRACK.equals(execution.getVariable(ChcFastTrackProcess.Variables.PATHWAY))) {
            Instant due = received.plus(ChcFastTrackProcess.ACCEPT_WITHIN_HOURS, ChronoUnit.HOURS);
            execution.setVariable(ICB_RECEIVED_AT, Date.from(received));
            execution.setVariable(ChcFastTrackProcess.Variables.ACCEPT_DUE_AT, Date.from(due));
            cases.referredToIcb(caseId, received, null);
            byte[] form = fastTrackPdf(c, execution);
            cases.document(caseId, "FAST_TRACK", "NHS Continuing Healthcare Fast Track", "fast-track-" + caseId + ".pdf",
                    form);
            letters.referToIcb(c, FAST_TRACK_TYPE, "NHS Continuing Healthcare Fast Track referral",
                    "Fast Track from " + c.referrer() + ": " + c.reason() + "\nCare needed: "
                            + execution.getVariable(ChcFastTrackProcess.Variables.CARE_NEEDED)
                            + "\nPreferred place of care: "
                            + execution.getVariable(ChcFastTrackProcess.Variables.PREFERRED_PLACE)
                            + "\nAccept within 48 hours, by " + due + ".", form);
            return;
        }
        Instant due = received.plus(ChcProcess.DECISION_DAYS, ChronoUnit.DAYS);
        execution.setVariable(ICB_RECEIVED_AT, Date.from(received));
        execution.setVariable(FIRST_WARNING_AT, Date.from(received.plus(ChcProcess.FIRST_WARNING_DAY, ChronoUnit.DAYS)));
        execution.setVariable(SECOND_WARNING_AT, Date.from(received.plus(ChcProcess.SECOND_WARNING_DAY, ChronoUnit.DAYS)));
        execution.setVariable(DECISION_DUE_AT, Date.from(due));
        cases.referredToIcb(caseId, received, due);
        byte[] checklist = cases.documents(caseId).stream().filter(d -> d.kind().equals("CHECKLIST")).reduce((a, b) -> b)
                .flatMap(d -> cases.pdf(caseId, d.id())).orElseThrow(() -> new IllegalStateException(
                        "No Checklist PDF for CHC case " + caseId));
        letters.referToIcb(c, TYPE, "NHS Continuing Healthcare referral: positive Checklist",
                "Positive Checklist for " + c.patientName() + ": " + execution.getVariable(CHECKLIST_REASON)
                        + " (" + execution.getVariable(CHECKLIST_COUNTS) + "). Received " + received
                        + "; decision due by " + due + " (28 days). The Checklist is attached.", checklist);
    }

    private static byte[] fastTrackPdf(ChcCase c, DelegateExecution execution) {
        PdfWriter pdf = new PdfWriter("NHS Continuing Healthcare Fast Track", c.patientName(),
                ChcPaperwork.formatted(c));
        pdf.field("Patient", c.patientName()).field("NHS number", ChcPaperwork.formatted(c))
                .field("Clinician", c.referrer())
                .field("Rapidly deteriorating, may be entering a terminal phase", "Confirmed by the clinician")
                .field("Reasons", c.reason())
                .field("Care needed", ChcDomains.text(execution.getVariable(ChcFastTrackProcess.Variables.CARE_NEEDED)))
                .field("Preferred place of care",
                        ChcDomains.text(execution.getVariable(ChcFastTrackProcess.Variables.PREFERRED_PLACE)));
        return pdf.toBytes();
    }
}
