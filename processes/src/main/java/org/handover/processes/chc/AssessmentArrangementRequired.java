package org.handover.processes.chc;

import static org.handover.processes.chc.FormValues.required;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.chc.ChcProcess.ConsentBases;
import org.handover.processes.chc.ChcProcess.Variables;

/**
 * An assessment goes ahead only with the patient's consent recorded or, when they lack capacity to consent, a
 * best-interests decision noted (Mental Capacity Act 2005); the date and the team are required too.
 */
public class AssessmentArrangementRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String basis = required(task, Variables.CONSENT_BASIS,
                "Record the patient's consent, or that a best-interests decision was made.");
        if (!ConsentBases.ALL.contains(basis)) {
            throw new TaskInputRefused("Unknown consent basis '" + basis + "': use one of " + ConsentBases.ALL);
        }
        if (ConsentBases.BEST_INTERESTS.equals(basis)) {
            required(task, Variables.BEST_INTERESTS_DECISION, "Note the best-interests decision: who made it, after "
                    + "which capacity assessment, and who was consulted.");
        }
        required(task, Variables.ASSESSMENT_DATE, "Give the date of the multidisciplinary assessment.");
        required(task, Variables.MDT_MEMBERS, "Name the members of the multidisciplinary team and their professions.");
    }
}
