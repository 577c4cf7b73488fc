package org.handover.tasklist;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.handover.processes.TaskInputRefused;

/**
 * A task's refusal of what a person entered ({@link TaskInputRefused}: "Give a reason for abandoning the message...")
 * answers 400 with the same message in a Camunda REST application ({@code /engine-rest}, and the webapps'
 * {@code /camunda/api/engine} that Tasklist calls). Camunda's task resources wrap whatever a task listener throws in a
 * 500, which tells an integration to retry what it must instead correct. Asked before Camunda's mappers for the same
 * types; any other failure goes on to them.
 */
public abstract class RefusedTaskInputMapper<E extends Throwable> implements ExtendedExceptionMapper<E> {

    /** One of each, to register with one REST application. */
    public static List<Object> forOneApplication() {
        return List.of(new OfRestExceptions(), new OfEngineExceptions());
    }

    @Override
    public boolean isMappable(E failure) {
        return refusal(failure) != null;
    }

    @Override
    public Response toResponse(E failure) {
        return ExceptionHandlerHelper.getInstance()
                .getResponse(new InvalidRequestException(Status.BAD_REQUEST, refusal(failure), failure.getMessage()));
    }

    private static TaskInputRefused refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TaskInputRefused refused) {
                return refused;
            }
        }
        return null;
    }

    @Priority(Priorities.USER - 100)
    static final class OfRestExceptions extends RefusedTaskInputMapper<RestException> {
    }

    @Priority(Priorities.USER - 100)
    static final class OfEngineExceptions extends RefusedTaskInputMapper<ProcessEngineException> {
    }
}
