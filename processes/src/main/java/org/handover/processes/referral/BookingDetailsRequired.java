package org.handover.processes.referral;

import static org.handover.processes.referral.TaskVariables.text;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.handover.processes.TaskInputRefused;
import org.handover.processes.referral.ReferralProcess.Variables;

/**
 * Refuses to complete "Book appointment" without a clinic, a location and a start that is an ISO local date-time
 * (clinic time, Europe/London) not in the past. A start given with an offset or as a date is converted to clinic
 * time, and the start is stored in one form, e.g. {@code 2026-12-01T09:30}, for the GP message and the patient SMS.
 */
public class BookingDetailsRequired implements TaskListener {

    static final ZoneId CLINIC_TIME = ZoneId.of("Europe/London");

    @Override
    public void notify(DelegateTask task) {
        List<String> missing = new ArrayList<>();
        if (text(task, Variables.APPOINTMENT_CLINIC) == null) {
            missing.add("the clinic");
        }
        if (text(task, Variables.APPOINTMENT_START) == null) {
            missing.add("the date and time");
        }
        if (text(task, Variables.APPOINTMENT_LOCATION) == null) {
            missing.add("the location");
        }
        if (!missing.isEmpty()) {
            throw new TaskInputRefused("Give " + list(missing) + " of the appointment before completing the booking.");
        }
        LocalDateTime start = start(task.getVariable(Variables.APPOINTMENT_START));
        LocalDateTime now = LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), CLINIC_TIME);
        if (start.isBefore(now)) {
            throw new TaskInputRefused("The appointment start " + start + " is in the past: check the date.");
        }
        task.setVariable(Variables.APPOINTMENT_START, start.toString());
    }

    private static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static LocalDateTime start(Object value) {
        if (value instanceof Date date) {
            return LocalDateTime.ofInstant(date.toInstant(), CLINIC_TIME);
        }
        String text = value.toString().strip();
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException notLocal) {
            try {
                return OffsetDateTime.parse(text).atZoneSameInstant(CLINIC_TIME).toLocalDateTime();
            } catch (DateTimeParseException notOffset) {
                throw new TaskInputRefused("The appointment start \"" + text
                        + "\" is not a date and time: use the form's picker, or the form 2026-12-01T09:30.");
            }
        }
    }
}
