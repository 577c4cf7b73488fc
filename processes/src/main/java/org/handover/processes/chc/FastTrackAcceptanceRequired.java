package org.handover.processes.chc;

import static org.handover.processes.chc.FormValues.required;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.chc.ChcFastTrackProcess.Variables;

/**
 * The ICB accepts a properly completed Fast Track from an appropriate clinician: it may not ask for a Checklist or
 * DST first, so the only way to complete the task is to accept, with a note of who accepted.
 */
public class FastTrackAcceptanceRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object accepted = task.getVariable(Variables.ACCEPTED);
        if (!Boolean.TRUE.equals(accepted) && !"true".equals(String.valueOf(accepted))) {
            throw new TaskInputRefused("Confirm the ICB accepts the Fast Track: care must be arranged without "
                    + "waiting for a Checklist or Decision Support Tool.");
        }
        required(task, Variables.ACCEPTANCE_NOTE, "Note who accepted for the ICB and anything agreed.");
    }
}
