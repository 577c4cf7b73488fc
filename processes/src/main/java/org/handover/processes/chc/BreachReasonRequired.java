package org.handover.processes.chc;

import static org.handover.processes.chc.FormValues.required;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.chc.ChcProcess.Variables;

/** Every breach of the 28 days has a reason on record (NHS England asks for it with the quarterly return). */
public class BreachReasonRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        required(task, Variables.BREACH_REASON, "Record why the decision was not made within 28 days.");
    }
}
