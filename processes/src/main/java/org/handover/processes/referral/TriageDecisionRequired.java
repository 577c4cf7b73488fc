package org.handover.processes.referral;

import static org.handover.processes.referral.TaskVariables.text;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.referral.ReferralProcess.Outcomes;
import org.handover.processes.referral.ReferralProcess.Priorities;
import org.handover.processes.referral.ReferralProcess.Variables;

/**
 * Refuses to complete "Triage referral" without a decision the e-Referral Service would accept: one of the four
 * outcomes, a triage comment with every outcome (the referrer reads it), a valid priority if the consultant changes
 * it, and on redirect a service other than the one the referral is already with. The message is shown in Tasklist
 * and the task stays open.
 */
public class TriageDecisionRequired implements TaskListener {

    static final Set<String> OUTCOMES = Set.of(
            Outcomes.ACCEPT, Outcomes.RETURN_WITH_ADVICE, Outcomes.REDIRECT, Outcomes.REQUEST_INFORMATION);
    static final Set<String> PRIORITIES = Set.of(Priorities.ROUTINE, Priorities.URGENT, Priorities.TWO_WEEK_WAIT);

    @Override
    public void notify(DelegateTask task) {
        String outcome = text(task, Variables.TRIAGE_OUTCOME);
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new TaskInputRefused("Choose an outcome: accept, return to the referrer with advice, "
                    + "redirect to another service, or request more information.");
        }
        if (text(task, Variables.TRIAGE_COMMENT) == null) {
            throw new TaskInputRefused("Write a triage comment: the e-Referral Service requires one with every "
                    + "outcome, and the referrer reads it.");
        }
        if (Outcomes.ACCEPT.equals(outcome)) {
            String newPriority = text(task, Variables.NEW_PRIORITY);
            if (newPriority != null && !PRIORITIES.contains(newPriority)) {
                throw new TaskInputRefused("A new priority must be routine, urgent or two-week-wait.");
            }
        }
        if (Outcomes.REDIRECT.equals(outcome)) {
            String redirectTo = text(task, Variables.REDIRECT_SPECIALTY);
            if (redirectTo == null) {
                throw new TaskInputRefused("Choose the service to redirect the referral to.");
            }
            if (redirectTo.equalsIgnoreCase(text(task, Variables.SPECIALTY_CODE))) {
                throw new TaskInputRefused("The referral is already with " + redirectTo
                        + ": choose another service to redirect it to.");
            }
        }
    }
}
