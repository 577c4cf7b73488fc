package org.handover.processes.discharge;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.discharge.DischargeToAssessProcess.Pathways;
import org.handover.processes.discharge.DischargeToAssessProcess.Variables;

/**
 * Refuses to confirm the pathway without a pathway 0-3, without a reason when the coordinator changes the rules'
 * proposal (a "needs review" proposal is always changed), or without a council for pathways 1-3.
 */
public class PathwayDecisionRequired implements TaskListener {

    private static final Set<String> PATHWAYS = Set.of(Pathways.HOME_NO_NEW_SUPPORT, Pathways.HOME_WITH_SUPPORT,
            Pathways.BED_BASED_REHABILITATION, Pathways.CARE_HOME);

    @Override
    public void notify(DelegateTask task) {
        String pathway = text(task, Variables.PATHWAY);
        if (pathway == null || !PATHWAYS.contains(pathway)) {
            throw new TaskInputRefused("Choose the Discharge to Assess pathway: 0, 1, 2 or 3"
                    + (pathway == null ? "." : ", not '" + pathway + "'."));
        }
        task.setVariable(Variables.PATHWAY, pathway);
        if (!pathway.equals(text(task, Variables.PROPOSED_PATHWAY)) && text(task, Variables.PATHWAY_CHANGE_REASON) == null) {
            throw new TaskInputRefused("Say why you chose pathway " + pathway + " rather than the rules' proposal"
                    + " (pathwayChangeReason): it is kept with the discharge.");
        }
        if (!Pathways.HOME_NO_NEW_SUPPORT.equals(pathway) && text(task, Variables.COUNCIL_CODE) == null) {
            throw new TaskInputRefused("Pick the council whose social care team is told (councilCode): the "
                    + "patient's postcode did not settle it.");
        }
    }

    private static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}
