package org.handover.tasklist;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.sub.task.TaskResource;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;

/**
 * {@link LateTaskActions}'s answers in a Camunda REST application ({@code /engine-rest}, and the webapps'
 * {@code /camunda/api/engine} that Tasklist calls). Camunda's resources throw a task action's failure either as the
 * engine's exception or wrapped in a {@link RestException} (complete, submit-form, variables), so there is one mapper
 * for each, asked before Camunda's mappers for the same types (their priority). Each takes only a failure of a
 * request on one task ({@code /task/{id}/...}) that may be late; Jersey gives any other to Camunda's mappers, and so
 * does this one when the task turns out to be open and unchanged.
 */
public abstract class LateTaskActionMapper<E extends Throwable> implements ExtendedExceptionMapper<E> {

    /** JAX-RS sets this to a proxy of the current request's. */
    @Context
    private UriInfo request;

    private final LateTaskActions actions;

    LateTaskActionMapper(LateTaskActions actions) {
        this.actions = actions;
    }

    /** One of each, to register with one REST application. */
    public static List<Object> forOneApplication(LateTaskActions actions) {
        return List.of(new OfRestExceptions(actions), new OfEngineExceptions(actions));
    }

    @Override
    public boolean isMappable(E failure) {
        return LateTaskActions.mayBeLate(failure) && taskId() != null;
    }

    @Override
    public Response toResponse(E failure) {
        String taskId = taskId();
        Throwable answer = actions.explain(taskId, action(taskId), failure).<Throwable>map(refusal -> refusal)
                .orElse(failure);
        return ExceptionHandlerHelper.getInstance().getResponse(answer);
    }

    private String taskId() {
        boolean onOneTask = request.getMatchedResources().stream().anyMatch(TaskResource.class::isInstance);
        return onOneTask ? request.getPathParameters().getFirst("id") : null;
    }

    /** The path after the task's id: {@code complete}, {@code claim}, {@code variables/triageComment}... */
    private String action(String taskId) {
        List<String> segments = request.getPathSegments().stream().map(PathSegment::getPath).toList();
        int id = segments.lastIndexOf(taskId);
        return String.join("/", segments.subList(id + 1, segments.size()));
    }

    @Priority(Priorities.USER - 100)
    static final class OfRestExceptions extends LateTaskActionMapper<RestException> {

        OfRestExceptions(LateTaskActions actions) {
            super(actions);
        }
    }

    @Priority(Priorities.USER - 100)
    static final class OfEngineExceptions extends LateTaskActionMapper<ProcessEngineException> {

        OfEngineExceptions(LateTaskActions actions) {
            super(actions);
        }
    }
}
