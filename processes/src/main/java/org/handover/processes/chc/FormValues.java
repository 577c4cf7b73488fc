package org.handover.processes.chc;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.handover.processes.TaskInputRefused;

/** Reading and requiring form values the way the task listeners need them. */
final class FormValues {

    private FormValues() {
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

    static String required(DelegateTask task, String name, String message) {
        String value = text(task, name);
        if (value == null) {
            throw new TaskInputRefused(message);
        }
        return value;
    }
}
