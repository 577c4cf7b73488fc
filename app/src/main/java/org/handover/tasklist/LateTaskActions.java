package org.handover.tasklist;

import jakarta.ws.rs.core.Response.Status;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.handover.audit.AuditLog;
import org.handover.system.AsSystem;
import org.handover.system.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A person's action on a task that is no longer open, or that someone else changed at the same moment: two people
 * on one team queue open the same task, the first completes it, the second presses Complete. Camunda's REST API
 * answered these 500 and the engine logged them at ERROR; they are news for the person, not a fault of the server.
 * The answer, in Camunda's REST error shape ({@code type}, {@code message}), which Tasklist shows:
 * <ul>
 * <li>404 when the task no longer exists, saying when it was completed and by whom (the person it was assigned to;
 * Tasklist completes only a task the person has claimed), or that it was cancelled. Only a caller who may read the
 * task's case (Camunda's READ on its process instance, which the task's team has while the case runs) reads that;
 * anyone else reads that the task does not exist or is no longer open;
 * <li>409 when the action lost a race with another (Camunda's optimistic locking, or the task's grants gone with
 * it while the action ran), or the task is claimed by someone else.
 * </ul>
 * A refused completion is written to the audit log, as a completion is ({@link CompletedTasks}).
 */
@Component
public class LateTaskActions {

    private static final Logger log = LoggerFactory.getLogger(LateTaskActions.class);

    /** The REST actions that complete a task: {@code /task/{id}/complete} and {@code /task/{id}/submit-form}. */
    private static final Set<String> COMPLETIONS = Set.of("complete", "submit-form");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'on' d MMM yyyy", Locale.UK);

    private final TaskService taskService;
    private final HistoryService historyService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final AuditLog audit;
    private final TasklistSettings settings;

    LateTaskActions(TaskService taskService, HistoryService historyService, RuntimeService runtimeService,
            IdentityService identityService, AuditLog audit, TasklistSettings settings) {
        this.taskService = taskService;
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.audit = audit;
        this.settings = settings;
    }

    /** Whether a failure can be a late action at all, without asking the database. */
    public static boolean mayBeLate(Throwable failure) {
        return causeOf(failure, OptimisticLockingException.class) != null
                || causeOf(failure, AuthorizationException.class) != null
                || causeOf(failure, TaskAlreadyClaimedException.class) != null
                || causeOf(failure, NullValueException.class) != null
                || causeOf(failure, NotFoundException.class) != null;
    }

    /**
     * The answer to an action on task {@code taskId} that failed, or empty when the failure is not a late action
     * (the task is open and nobody else changed it).
     *
     * @param action the request's path after the task's id: {@code complete}, {@code claim}, {@code variables}...
     */
    public Optional<RestException> explain(String taskId, String action, Throwable failure) {
        Throwable claimed = causeOf(failure, TaskAlreadyClaimedException.class);
        Task open = AsSystem.call(identityService, () -> taskService.createTaskQuery().taskId(taskId).singleResult());
        // A completion committed while this action ran: its row changed under it, or its grants went with it.
        boolean race = causeOf(failure, OptimisticLockingException.class) != null
                || open == null && causeOf(failure, AuthorizationException.class) != null;
        if (claimed == null && !race && open != null) {
            return Optional.empty();
        }
        HistoricTaskInstance closed = open != null ? null : AsSystem.call(identityService,
                () -> historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult());
        String happened = closed != null && callerMayReadCase(closed.getProcessInstanceId()) ? whatHappened(closed)
                : null;

        Status status;
        String message;
        if (claimed != null) {
            status = Status.CONFLICT;
            message = claimed.getMessage();
        } else if (race) {
            status = Status.CONFLICT;
            message = "Task " + taskId + " was changed by someone else at the same moment"
                    + (happened != null ? ": " + happened + "." : "; reload it and try again.");
        } else {
            status = Status.NOT_FOUND;
            message = happened != null ? "Task " + taskId + " no longer exists: " + happened + "."
                    : "Task " + taskId + " does not exist or is no longer open.";
        }
        log.info("Refused {} of task {}: {} ({})", action, taskId, status.getStatusCode(),
                claimed != null ? "claimed by someone else" : race ? "changed at the same moment" : "not open");
        if (COMPLETIONS.contains(action)) {
            auditRefusedCompletion(taskId, action, open, closed, message);
        }
        return Optional.of(new InvalidRequestException(status, message));
    }

    private boolean callerMayReadCase(String processInstanceId) {
        return processInstanceId != null && identityService.getCurrentAuthentication() != null
                && runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
    }

    private String whatHappened(HistoricTaskInstance task) {
        if (task.getEndTime() == null) {
            return null;
        }
        String at = TIME.format(task.getEndTime().toInstant().atZone(settings.zone()));
        if (TaskEntity.DELETE_REASON_COMPLETED.equals(task.getDeleteReason())) {
            return "it was completed" + (task.getAssignee() == null ? "" : " by " + task.getAssignee()) + " at " + at;
        }
        return "it was cancelled at " + at;
    }

    private void auditRefusedCompletion(String taskId, String action, Task open, HistoricTaskInstance closed,
            String message) {
        String definitionKey = open != null ? open.getTaskDefinitionKey()
                : closed != null ? closed.getTaskDefinitionKey() : null;
        String processInstanceId = open != null ? open.getProcessInstanceId()
                : closed != null ? closed.getProcessInstanceId() : null;
        String resource = definitionKey != null && processInstanceId != null
                ? CompletedTasks.resource(definitionKey, processInstanceId) : "task/" + taskId;
        audit.refused(CurrentUser.of(identityService), resource, patientOf(processInstanceId),
                "Refused " + action + " of task: " + message);
    }

    /** The case's patient while the case runs; its variables keep no history. */
    private String patientOf(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        return AsSystem.call(identityService, () -> runtimeService.createVariableInstanceQuery()
                .processInstanceIdIn(processInstanceId).variableName(CompletedTasks.NHS_NUMBER).list().stream()
                .map(VariableInstance::getValue).map(CompletedTasks::patient).filter(patient -> patient != null)
                .findFirst().orElse(null));
    }

    private static Throwable causeOf(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }
}
