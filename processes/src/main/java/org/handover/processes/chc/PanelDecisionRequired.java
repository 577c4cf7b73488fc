package org.handover.processes.chc;

import static org.handover.processes.chc.FormValues.required;
import static org.handover.processes.chc.FormValues.text;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.chc.ChcProcess.PanelDecisions;
import org.handover.processes.chc.ChcProcess.Recommendations;
import org.handover.processes.chc.ChcProcess.Variables;

/**
 * The panel ratifies the rules' recommendation or changes it. Changing it, or deciding where the rules asked for the
 * panel's judgement, needs reasons: the patient reads them in the decision letter. Sets {@link Variables#ELIGIBLE}
 * and {@link Variables#RECOMMENDATION_CHANGED}.
 */
public class PanelDecisionRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String decision = required(task, Variables.PANEL_DECISION, "Ratify the recommendation or decide eligible or "
                + "not eligible.");
        if (!PanelDecisions.ALL.contains(decision)) {
            throw new TaskInputRefused("Unknown panel decision '" + decision + "': use one of " + PanelDecisions.ALL);
        }
        String recommendation = text(task, Variables.RECOMMENDATION);
        if (PanelDecisions.RATIFY.equals(decision)) {
            if (Recommendations.PANEL_JUDGEMENT.equals(recommendation) || recommendation == null) {
                throw new TaskInputRefused("The recommendation asks for the panel's judgement: decide eligible or "
                        + "not eligible on the nature, intensity, complexity and unpredictability of the needs, and give "
                        + "reasons.");
            }
            task.setVariable(Variables.ELIGIBLE, Recommendations.ELIGIBLE.equals(recommendation));
            task.setVariable(Variables.RECOMMENDATION_CHANGED, false);
            return;
        }
        boolean eligible = PanelDecisions.ELIGIBLE.equals(decision);
        boolean changed = !Recommendations.PANEL_JUDGEMENT.equals(recommendation)
                && eligible != Recommendations.ELIGIBLE.equals(recommendation);
        required(task, Variables.PANEL_REASONS, changed
                ? "Give the panel's reasons for changing the recommendation: the patient reads them."
                : "Give the panel's reasons for its decision: the patient reads them.");
        task.setVariable(Variables.ELIGIBLE, eligible);
        task.setVariable(Variables.RECOMMENDATION_CHANGED, changed);
    }
}
