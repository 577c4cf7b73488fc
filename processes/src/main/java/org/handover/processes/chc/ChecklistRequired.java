package org.handover.processes.chc;

import static org.handover.processes.chc.FormValues.required;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.chc.ChcProcess.Variables;

/** Refuses a Checklist without an A, B or C and evidence for every one of the eleven domains, or without assessor. */
public class ChecklistRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        required(task, Variables.CHECKLIST_ASSESSOR, "Give the name and role of the person completing the Checklist.");
        for (String domain : ChcProcess.CHECKLIST_DOMAINS) {
            String level = required(task, Variables.checklistLevel(domain), "Rate " + Words.of(domain) + " A, B or C.");
            if (!ChcProcess.CHECKLIST_LEVELS.contains(level)) {
                throw new TaskInputRefused(Words.capitalised(domain) + " is rated '" + level + "': use A, B or C.");
            }
            required(task, Variables.checklistEvidence(domain), "Give the evidence for the " + Words.of(domain)
                    + " rating: the panel and the patient read it.");
        }
    }
}
