package org.handover.tasklist;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.handover.domain.NhsNumber;
import org.handover.rules.referral.WorkingDays;
import org.springframework.stereotype.Component;

/**
 * On every user task of every process, as it is created: the well-known process variables copied into task-local
 * variables that the team filters show and Tasklist searches (NHS number as 3-3-4, UBRN, patient, ward or
 * specialty, priority), and a due date where the model gave none, so that no task sits in a queue without one.
 */
@Component
public class FindableTasks implements TaskListener {

    public static final String NHS_NUMBER = "taskNhsNumber";
    public static final String UBRN = "taskUbrn";
    public static final String PATIENT_NAME = "taskPatientName";
    public static final String WARD_OR_SPECIALTY = "taskWardOrSpecialty";
    public static final String PRIORITY = "taskPriority";

    /** Tasks at or above this priority (two-week-wait referrals, fast-track CHC) get one working day by default. */
    static final int HIGH_PRIORITY = 90;
    static final int RAISED_PRIORITY = 70;

    private final Clock clock;
    private final WorkingDays workingDays;
    private final TasklistSettings settings;

    FindableTasks(Clock clock, WorkingDays workingDays, TasklistSettings settings) {
        this.clock = clock;
        this.workingDays = workingDays;
        this.settings = settings;
    }

    @Override
    public void notify(DelegateTask task) {
        String nhsNumber = text(task, "nhsNumber");
        if (nhsNumber != null) {
            task.setVariableLocal(NHS_NUMBER, NhsNumber.tryParse(nhsNumber).map(NhsNumber::formatted).orElse(nhsNumber));
        }
        copy(task, "ubrn", UBRN);
        copy(task, "patientName", PATIENT_NAME);
        String place = text(task, "ward") != null ? text(task, "ward") : text(task, "specialty");
        if (place != null) {
            task.setVariableLocal(WARD_OR_SPECIALTY, place);
        }
        String priority = text(task, "priority");
        task.setVariableLocal(PRIORITY, priority != null ? priority : describe(task.getPriority()));
        if (task.getDueDate() == null) {
            task.setDueDate(defaultDueDate(task.getPriority()));
        }
    }

    /** The end of the working day one, two or five working days from now, by the task's priority. */
    Date defaultDueDate(int priority) {
        int days = priority >= HIGH_PRIORITY ? 1 : priority >= RAISED_PRIORITY ? 2 : 5;
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        LocalDate due = workingDays.addWorkingDays(today, days);
        return Date.from(due.atTime(LocalTime.of(17, 0)).atZone(settings.zone()).toInstant());
    }

    private static String describe(int priority) {
        return priority >= HIGH_PRIORITY ? "high" : priority >= RAISED_PRIORITY ? "raised" : "normal";
    }

    private static void copy(DelegateTask task, String processVariable, String taskVariable) {
        String value = text(task, processVariable);
        if (value != null) {
            task.setVariableLocal(taskVariable, value);
        }
    }

    private static String text(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
