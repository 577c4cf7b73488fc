package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.CASE_ID;

import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.chc.ChcFastTrackProcess;
import org.springframework.stereotype.Component;

/** The ICB accepted the Fast Track: recorded, and the patient, advocate, GP and council told. */
@Component(ChcFastTrackProcess.Delegates.RECORD_ACCEPTANCE)
class RecordFastTrackAcceptanceDelegate implements JavaDelegate {

    static final String TYPE = "ChcFastTrackAccepted";

    private final ChcCases cases;
    private final ChcPaperwork paperwork;
    private final ChcLetters letters;
    private final AuditLog audit;
    private final ChcSettings settings;
    private final Clock clock;

    RecordFastTrackAcceptanceDelegate(ChcCases cases, ChcPaperwork paperwork, ChcLetters letters, AuditLog audit,
            ChcSettings settings, Clock clock) {
        this.cases = cases;
        this.paperwork = paperwork;
        this.letters = letters;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(CASE_ID);
        String actor = Actors.of(execution);
        cases.decision(caseId, true, false, clock.instant(), true);
        cases.event(caseId, "FAST_TRACK_ACCEPTED", actor, "Fast Track accepted: "
                + ChcDomains.text(execution.getVariable(ChcFastTrackProcess.Variables.ACCEPTANCE_NOTE)), null);
        ChcCase c = cases.get(caseId);
        letters.sendToEveryone(c, TYPE, paperwork.fastTrackAccepted(c,
                ChcDomains.text(execution.getVariable(ChcFastTrackProcess.Variables.CARE_NEEDED)),
                LocalDate.now(clock.withZone(settings.zone()))));
        audit.changedWith(actor, "chc-case/" + caseId, c.nhsNumber(), "CHC Fast Track accepted");
    }
}
