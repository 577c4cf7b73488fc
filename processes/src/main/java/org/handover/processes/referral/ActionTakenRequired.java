package org.handover.processes.referral;

import static org.handover.processes.referral.TaskVariables.text;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.referral.ReferralProcess.Variables;

/**
 * Refuses to complete an escalation or chase task without saying what was done about the missed deadline. The value
 * is local to the task (an input mapping creates it empty), so each escalation records its own action.
 */
public class ActionTakenRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (text(task, Variables.ACTION_TAKEN) == null) {
            throw new TaskInputRefused("Record the action taken: it is kept in the referral's history.");
        }
    }
}
