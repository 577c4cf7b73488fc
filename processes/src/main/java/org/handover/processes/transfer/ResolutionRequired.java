package org.handover.processes.transfer;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.transfer.TransferOfCareProcess.Resolutions;
import org.handover.processes.transfer.TransferOfCareProcess.Variables;

/** A delivery problem is closed by resending, or by saying how the GP got the summary otherwise (note required). */
public class ResolutionRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        Object resolution = task.getVariable(Variables.RESOLUTION);
        if (!Resolutions.RESEND.equals(resolution) && !Resolutions.DELIVERED_OTHERWISE.equals(resolution)) {
            throw new TaskInputRefused("Choose a resolution (resolution): \"" + Resolutions.RESEND
                    + "\" or \"" + Resolutions.DELIVERED_OTHERWISE + "\"");
        }
        Object note = task.getVariable(Variables.RESOLUTION_NOTE);
        if (Resolutions.DELIVERED_OTHERWISE.equals(resolution) && (note == null || note.toString().isBlank())) {
            throw new TaskInputRefused("Say how the GP practice got the summary (resolutionNote)");
        }
    }
}
