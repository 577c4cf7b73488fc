package org.handover.processes.referral;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.referral.ReferralProcess.Variables;

/**
 * On creating a triage task after a redirect or a resubmission, keeps the previous outcome and comment for the form
 * ({@link Variables#PREVIOUS_TRIAGE_OUTCOME}, {@link Variables#PREVIOUS_TRIAGE_COMMENT}) and removes the decision
 * variables, so the form opens empty and {@link TriageDecisionRequired} checks this round's decision, not the last
 * one. The earlier values stay in history. On the first triage task there is nothing to clear.
 */
public class ClearPreviousTriageDecision implements TaskListener {

    static final List<String> DECISION = List.of(
            Variables.TRIAGE_OUTCOME, Variables.TRIAGE_COMMENT, Variables.NEW_PRIORITY, Variables.REDIRECT_SPECIALTY);

    @Override
    public void notify(DelegateTask task) {
        Object outcome = task.getVariable(Variables.TRIAGE_OUTCOME);
        if (outcome == null) {
            return;
        }
        task.setVariable(Variables.PREVIOUS_TRIAGE_OUTCOME, outcome);
        task.setVariable(Variables.PREVIOUS_TRIAGE_COMMENT, task.getVariable(Variables.TRIAGE_COMMENT));
        task.removeVariables(DECISION);
    }
}
