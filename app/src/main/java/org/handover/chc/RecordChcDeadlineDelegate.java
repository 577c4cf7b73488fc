package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.handover.processes.chc.ChcProcess;
import org.handover.processes.chc.ChcProcess.DeadlineEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The deadline steps: the day-14 and day-21 warnings raise the open tasks' priority and go in the timeline; the
 * day-28 breach marks the case breached (it counts against the 28-day measure); the breach reason is stored; a
 * Fast Track not accepted within 48 hours is recorded.
 */
@Component(ChcProcess.Delegates.RECORD_DEADLINE)
class RecordChcDeadlineDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(RecordChcDeadlineDelegate.class);

    private final ChcCases cases;
    private final ChcMetrics metrics;

    RecordChcDeadlineDelegate(ChcCases cases, ChcMetrics metrics) {
        this.cases = cases;
        this.metrics = metrics;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(CASE_ID);
        String event = (String) execution.getVariableLocal(DEADLINE_EVENT);
        switch (event) {
            case DeadlineEvents.DAY_14_WARNING -> warn(execution, caseId, 14, 80);
            case DeadlineEvents.DAY_21_WARNING -> warn(execution, caseId, 21, 90);
            case DeadlineEvents.DAY_28_BREACH -> {
                cases.breached(caseId);
                cases.event(caseId, "BREACH", Actors.SYSTEM, "No decision within 28 days of the ICB receiving the "
                        + "referral: a reason must be recorded", null);
                metrics.breached();
                log.warn("CHC case {} breached the 28 days", caseId);
            }
            case DeadlineEvents.BREACH_REASON -> {
                String reason = ChcDomains.text(execution.getVariable(BREACH_REASON));
                cases.breachReason(caseId, reason);
                cases.event(caseId, "BREACH_REASON", Actors.of(execution), "Reason for missing the 28 days: " + reason,
                        null);
            }
            case DeadlineEvents.FAST_TRACK_OVERDUE -> {
                cases.event(caseId, "FAST_TRACK_OVERDUE", Actors.SYSTEM, "The ICB has not accepted the Fast Track "
                        + "within 48 hours", null);
                log.warn("CHC Fast Track {} not accepted within 48 hours", caseId);
            }
            default -> throw new IllegalStateException("Unknown CHC deadline event " + event);
        }
    }

    private void warn(DelegateExecution execution, String caseId, int day, int priority) {
        TaskService tasks = execution.getProcessEngineServices().getTaskService();
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
            if (task.getPriority() < priority) {
                task.setPriority(priority);
                tasks.saveTask(task);
            }
        }
        cases.event(caseId, "WARNING", Actors.SYSTEM, "Day " + day + " of 28 without a decision", null);
        metrics.warned(day);
    }
}
