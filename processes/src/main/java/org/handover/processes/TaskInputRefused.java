package org.handover.processes;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * What a person entered on a task cannot be accepted: the message says what to change, and the task stays open. A
 * bad request, not a fault: the engine logs it at DEBUG (as it does every {@link BadUserRequestException}) and the REST
 * APIs answer 400, not 500.
 */
public class TaskInputRefused extends BadUserRequestException {

    public TaskInputRefused(String message) {
        super(message);
    }
}
