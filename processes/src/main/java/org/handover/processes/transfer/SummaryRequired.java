package org.handover.processes.transfer;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.transfer.TransferOfCareProcess.Variables;

/** Refuses a discharge summary with a required heading left empty, naming every one missing. */
public class SummaryRequired implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        List<String> missing = new ArrayList<>();
        for (String field : Variables.REQUIRED_SUMMARY_FIELDS) {
            Object value = task.getVariable(field);
            if (value == null || value.toString().isBlank()) {
                missing.add(field);
            }
        }
        Object results = task.getVariable(Variables.RESULTS_PENDING);
        if (results != null && !results.toString().isBlank() && !List.of("yes", "no").contains(results.toString())) {
            throw new TaskInputRefused("resultsPending must be \"yes\" or \"no\", not \"" + results + "\"");
        }
        if (!missing.isEmpty()) {
            throw new TaskInputRefused("The discharge summary needs every required heading; missing: "
                    + String.join(", ", missing));
        }
    }
}
