package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.processes.chc.ChcProcess;
import org.springframework.stereotype.Component;

/** The decision letter, with the reasons and how to ask for a review, to the patient, advocate, GP and council. */
@Component(ChcProcess.Delegates.SEND_DECISION_LETTERS)
class SendChcDecisionLettersDelegate implements JavaDelegate {

    static final String TYPE = "ChcDecision";

    private final ChcCases cases;
    private final ChcPaperwork paperwork;
    private final ChcLetters letters;
    private final ChcSettings settings;
    private final Clock clock;

    SendChcDecisionLettersDelegate(ChcCases cases, ChcPaperwork paperwork, ChcLetters letters, ChcSettings settings,
            Clock clock) {
        this.cases = cases;
        this.paperwork = paperwork;
        this.letters = letters;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ChcCase c = cases.get((String) execution.getVariable(CASE_ID));
        letters.sendToEveryone(c, TYPE, paperwork.decision(c, Boolean.TRUE.equals(execution.getVariable(ELIGIBLE)),
                (String) execution.getVariable(RECOMMENDATION_REASON),
                ChcDomains.text(execution.getVariable(PANEL_REASONS)), LocalDate.now(clock.withZone(settings.zone()))));
    }
}
