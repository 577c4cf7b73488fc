package org.handover.tasklist;

import java.util.Set;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.util.EnsureUtil;

/**
 * A task command that names a task which no longer exists (two people on one queue: the other completed it) fails
 * with Camunda's {@link NotFoundException}, as Camunda's newer task commands (assign, unclaim, identity links)
 * already do, instead of a {@link NullValueException}. The engine logs a NotFoundException, a bad request, at DEBUG,
 * but a NullValueException at ERROR with its stack trace (ENGINE-16004), although nothing is wrong with the server.
 *
 * <p>Only the commands' own checks of their arguments are translated (thrown by {@link EnsureUtil} directly in one of
 * these commands): a null met anywhere else while the command runs (a listener, a delegate) stays an error.
 */
class MissingTaskIsNotFound extends CommandInterceptor {

    private static final Set<String> TASK_COMMANDS = Set.of(CompleteTaskCmd.class.getName(),
            SubmitTaskFormCmd.class.getName(), ClaimTaskCmd.class.getName(), DelegateTaskCmd.class.getName(),
            SetTaskVariablesCmd.class.getName(), PatchTaskVariablesCmd.class.getName(),
            RemoveTaskVariablesCmd.class.getName(), GetTaskVariableCmd.class.getName(),
            GetTaskVariableCmdTyped.class.getName(), GetTaskVariablesCmd.class.getName());

    @Override
    public <T> T execute(Command<T> command) {
        try {
            return next.execute(command);
        } catch (NullValueException e) {
            if (TASK_COMMANDS.contains(command.getClass().getName()) && thrownByATaskCommandsOwnCheck(e)) {
                throw new NotFoundException(e.getMessage(), e);
            }
            throw e;
        }
    }

    /** EnsureUtil makes the exception by reflection: the frames above its own are the JDK's. */
    private static boolean thrownByATaskCommandsOwnCheck(NullValueException e) {
        StackTraceElement[] frames = e.getStackTrace();
        int frame = 0;
        while (frame < frames.length && !isEnsureUtil(frames[frame])) {
            if (!frames[frame].getClassName().startsWith("java.") && !frames[frame].getClassName().startsWith("jdk.")) {
                return false;
            }
            frame++;
        }
        while (frame < frames.length && isEnsureUtil(frames[frame])) {
            frame++;
        }
        return frame < frames.length && TASK_COMMANDS.contains(frames[frame].getClassName());
    }

    private static boolean isEnsureUtil(StackTraceElement frame) {
        return frame.getClassName().equals(EnsureUtil.class.getName());
    }
}
