package org.handover.tasklist;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.handover.processes.TaskInputRefused;

/**
 * A task listener's refusal of what a person entered ({@link TaskInputRefused}) leaves the command as itself. The
 * engine wraps whatever a listener throws ("ENGINE-03051 There was an exception while invoking the TaskListener"), and
 * logs the wrapper at ERROR with its stack trace, although the person only has to add a comment; unwrapped, it is the
 * bad request it is, logged at DEBUG, and its message reaches the person without the engine's words around it.
 */
class RefusedInputIsABadRequest extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        try {
            return next.execute(command);
        } catch (TaskInputRefused refused) {
            throw refused;
        } catch (ProcessEngineException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof TaskInputRefused refused) {
                    throw refused;
                }
            }
            throw e;
        }
    }
}
