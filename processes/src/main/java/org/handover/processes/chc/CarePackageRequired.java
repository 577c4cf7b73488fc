package org.handover.processes.chc;

import static org.handover.processes.chc.FormValues.required;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.chc.ChcProcess.Variables;

/** A care package is recorded with what it is, who provides it and when it starts. */
public class CarePackageRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        required(task, Variables.CARE_PACKAGE, "Describe the care package arranged.");
        required(task, Variables.CARE_PROVIDER, "Name the care provider.");
        required(task, Variables.CARE_START_DATE, "Give the date the care starts.");
    }
}
