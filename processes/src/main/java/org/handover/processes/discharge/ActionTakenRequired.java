package org.handover.processes.discharge;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.discharge.DischargeToAssessProcess.Variables;

/** Refuses to close an escalation without saying what was done; the value is local to the task. */
public class ActionTakenRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object value = task.getVariable(Variables.ACTION_TAKEN);
        if (value == null || value.toString().isBlank()) {
            throw new TaskInputRefused("Record the action taken about the late acknowledgement (actionTaken): "
                    + "it is kept in the discharge's history.");
        }
    }
}
