package org.handover.tasklist;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Overdue tasks of every process stand out in every Tasklist view: "OVERDUE: " before the name and the highest
 * priority, so they sort first, and the process's named lead group (the first of {@link #LEAD_GROUP_VARIABLES} the
 * process has) becomes a candidate group too. Checked periodically; flagging twice changes nothing, and a task
 * whose due date moved later gets its name, priority and candidate groups back.
 */
@Service
public class OverdueTasks {

    public static final String PREFIX = "OVERDUE: ";
    public static final int OVERDUE_PRIORITY = 100;
    /** Process variables naming who is escalated to, in order of preference. */
    static final List<String> LEAD_GROUP_VARIABLES = List.of("serviceLeadGroup", "escalationGroup", "leadGroup");
    static final String PRIORITY_BEFORE = "taskPriorityBeforeOverdue";
    static final String ESCALATED_TO = "taskEscalatedTo";

    private static final Logger log = LoggerFactory.getLogger(OverdueTasks.class);

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final AuthorizationService authorizationService;

    OverdueTasks(TaskService taskService, RuntimeService runtimeService, Clock clock, TransactionTemplate transaction,
            AuthorizationService authorizationService) {
        this.authorizationService = authorizationService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${handover.tasklist.overdue-check-interval:1m}", initialDelay = 10_000)
    public void check() {
        Date now = Date.from(clock.instant());
        int flagged = 0;
        for (Task task : taskService.createTaskQuery().active().dueBefore(now).list()) {
            if (!isFlagged(task) && inTransaction(() -> flag(task))) {
                flagged++;
            }
        }
        int cleared = 0;
        for (Task task : taskService.createTaskQuery().taskNameLike(PREFIX + "%").dueAfter(now).list()) {
            if (inTransaction(() -> unflag(task))) {
                cleared++;
            }
        }
        if (flagged + cleared > 0) {
            log.info("Overdue tasks: {} flagged, {} no longer overdue", flagged, cleared);
        }
    }

    /** Flags one task as overdue; a task already flagged stays as it is. */
    public void flag(Task task) {
        if (isFlagged(task)) {
            return;
        }
        int priorityBefore = task.getPriority();
        task.setName(PREFIX + task.getName());
        task.setPriority(OVERDUE_PRIORITY);
        taskService.saveTask(task);
        taskService.setVariableLocal(task.getId(), PRIORITY_BEFORE, priorityBefore);
        String lead = leadGroupOf(task);
        if (lead != null && !isCandidate(task, lead)) {
            taskService.addCandidateGroup(task.getId(), lead);
            CaseAccess.grantRead(authorizationService, lead, task.getProcessInstanceId());
            taskService.setVariableLocal(task.getId(), ESCALATED_TO, lead);
        }
    }

    private void unflag(Task task) {
        task.setName(task.getName().substring(PREFIX.length()));
        Object before = taskService.getVariableLocal(task.getId(), PRIORITY_BEFORE);
        task.setPriority(before instanceof Integer priority ? priority : Task.PRIORITY_NORMAL);
        taskService.saveTask(task);
        Object escalatedTo = taskService.getVariableLocal(task.getId(), ESCALATED_TO);
        if (escalatedTo != null) {
            taskService.deleteCandidateGroup(task.getId(), escalatedTo.toString());
            taskService.removeVariableLocal(task.getId(), ESCALATED_TO);
        }
        taskService.removeVariableLocal(task.getId(), PRIORITY_BEFORE);
    }

    /** One task at a time, all or nothing; a task changed meanwhile (completed, or flagged by another node) is left. */
    private boolean inTransaction(Runnable change) {
        try {
            transaction.executeWithoutResult(status -> change.run());
            return true;
        } catch (OptimisticLockingException | NullValueException | NotFoundException e) {
            log.debug("Task changed while being checked for being overdue; next check looks again", e);
            return false;
        }
    }

    private static boolean isFlagged(Task task) {
        return task.getName() != null && task.getName().startsWith(PREFIX);
    }

    private String leadGroupOf(Task task) {
        if (task.getProcessInstanceId() == null) {
            return null;
        }
        for (String variable : LEAD_GROUP_VARIABLES) {
            Object value = runtimeService.getVariable(task.getExecutionId(), variable);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return null;
    }

    private boolean isCandidate(Task task, String groupId) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && groupId.equals(link.getGroupId()));
    }
}
