package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.processes.chc.ChcProcess;
import org.springframework.stereotype.Component;

/** A negative Checklist: the letter with the reasons and how to ask for a reconsideration, to everyone concerned. */
@Component(ChcProcess.Delegates.SEND_NEGATIVE_LETTERS)
class SendChecklistNegativeLettersDelegate implements JavaDelegate {

    static final String TYPE = "ChcChecklistNegative";

    private final ChcCases cases;
    private final ChcPaperwork paperwork;
    private final ChcLetters letters;
    private final ChcSettings settings;
    private final Clock clock;

    SendChecklistNegativeLettersDelegate(ChcCases cases, ChcPaperwork paperwork, ChcLetters letters,
            ChcSettings settings, Clock clock) {
        this.cases = cases;
        this.paperwork = paperwork;
        this.letters = letters;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ChcCase c = cases.get((String) execution.getVariable(CASE_ID));
        letters.sendToEveryone(c, TYPE, paperwork.checklistNegative(c, (String) execution.getVariable(CHECKLIST_REASON),
                LocalDate.now(clock.withZone(settings.zone()))));
        cases.status(c.id(), "CLOSED_CHECKLIST_NEGATIVE");
    }
}
