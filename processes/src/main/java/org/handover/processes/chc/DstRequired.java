package org.handover.processes.chc;

import static org.handover.processes.chc.FormValues.required;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.chc.ChcProcess.DstLevels;
import org.handover.processes.chc.ChcProcess.Variables;

/**
 * Refuses a DST without a level the domain allows and evidence for each of the twelve domains, or without the four
 * characteristics of need (nature, intensity, complexity, unpredictability) the panel weighs.
 */
public class DstRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        for (String domain : ChcProcess.DST_DOMAINS.keySet()) {
            List<String> allowed = DstLevels.allowed(domain);
            String level = required(task, Variables.dstLevel(domain), "Give the level of need for "
                    + Words.of(domain) + ".");
            if (!allowed.contains(level)) {
                throw new TaskInputRefused(Words.capitalised(domain) + " cannot be rated " + level.toLowerCase()
                        + " in the Decision Support Tool: its levels are " + String.join(", ",
                        allowed.stream().map(String::toLowerCase).toList()) + ".");
            }
            required(task, Variables.dstEvidence(domain), "Give the evidence for " + Words.of(domain) + ".");
        }
        required(task, Variables.NATURE, "Describe the nature of the needs.");
        required(task, Variables.INTENSITY, "Describe the intensity of the needs.");
        required(task, Variables.COMPLEXITY, "Describe the complexity of the needs.");
        required(task, Variables.UNPREDICTABILITY, "Describe the unpredictability of the needs.");
    }
}
