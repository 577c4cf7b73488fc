package org.handover.processes.referral;

import org.camunda.bpm.engine.delegate.DelegateTask;

/** Reading form values the way the listeners need them. */
final class TaskVariables {

    private TaskVariables() {
    }

    /** The variable as trimmed text, or null when it is missing or blank. */
    static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}
