package org.handover.processes.delivery;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;

/**
 * Refuses to complete "Delivery failed" without a clear decision: retry or abandon, and a reason for abandoning.
 * The message is shown to the person in Tasklist and the task stays open.
 */
public class ResolutionRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object resolution = task.getVariable(DeliveryFailedProcess.Variables.RESOLUTION);
        if (!DeliveryFailedProcess.Resolutions.RETRY.equals(resolution)
                && !DeliveryFailedProcess.Resolutions.ABANDON.equals(resolution)) {
            throw new TaskInputRefused("Choose Retry or Abandon before completing the task.");
        }
        Object reason = task.getVariable(DeliveryFailedProcess.Variables.REASON);
        if (DeliveryFailedProcess.Resolutions.ABANDON.equals(resolution)
                && (reason == null || reason.toString().isBlank())) {
            throw new TaskInputRefused("Give a reason for abandoning the message: it is kept in the delivery ledger.");
        }
    }
}
