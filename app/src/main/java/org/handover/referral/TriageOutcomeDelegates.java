package org.handover.referral;

import static org.handover.processes.referral.ReferralProcess.Variables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.system.CurrentUser;
import org.handover.audit.AuditLog;
import org.handover.processes.referral.ReferralProcess;
import org.handover.rules.referral.WorkingDays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps after a consultant's triage decision. Each records the e-RS state and outcome on the referral and
 * writes what the GP (and, once booked, the patient) must be told to the outbox, in the process step's transaction.
 */
@Configuration
class TriageOutcomeDelegates {

    private final Referrals referrals;
    private final ReferralStates states;
    private final ReferralNotifications notifications;
    private final WorkingDays workingDays;
    private final ReferralConfig.ReferralSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    TriageOutcomeDelegates(Referrals referrals, ReferralStates states, ReferralNotifications notifications,
            WorkingDays workingDays, ReferralConfig.ReferralSettings settings, AuditLog audit, Clock clock) {
        this.referrals = referrals;
        this.states = states;
        this.notifications = notifications;
        this.workingDays = workingDays;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Bean(ReferralProcess.Delegates.ACCEPT)
    JavaDelegate acceptReferral() {
        return execution -> {
            String ubrn = ubrn(execution);
            String newPriority = (String) execution.getVariable(NEW_PRIORITY);
            if (newPriority != null && !newPriority.isBlank()) {
                execution.setVariable(PRIORITY, newPriority);
                states.priority(ubrn, newPriority);
            }
            LocalDate referredOn = referrals.findByUbrn(ubrn).map(referral -> LocalDate.ofInstant(referral.created(),
                    settings.zone())).orElse(null);
            execution.setVariable(BOOKING_DUE_DATE, bookingDueDate((String) execution.getVariable(PRIORITY), referredOn));
            recordTriage(execution, ReferralProcess.States.NOT_BOOKED);
            notifications.tellGp(ubrn, "accepted", "Referral accepted");
        };
    }

    @Bean(ReferralProcess.Delegates.CONFIRM_BOOKING)
    JavaDelegate confirmBooking() {
        return execution -> {
            String ubrn = ubrn(execution);
            states.booked(ubrn, (String) execution.getVariable(APPOINTMENT_CLINIC),
                    LocalDateTime.parse((String) execution.getVariable(APPOINTMENT_START)),
                    (String) execution.getVariable(APPOINTMENT_LOCATION));
            execution.setVariable(REFERRAL_STATE, ReferralProcess.States.BOOKED);
            notifications.tellGp(ubrn, "booked", "Appointment booked");
            notifications.tellPatientAboutAppointment(ubrn);
        };
    }

    @Bean(ReferralProcess.Delegates.RETURN_WITH_ADVICE)
    JavaDelegate returnWithAdvice() {
        return execution -> {
            recordTriage(execution, ReferralProcess.States.TRIAGE_RESPONSE);
            notifications.tellGp(ubrn(execution), "returned-with-advice", "Referral returned with advice");
        };
    }

    @Bean(ReferralProcess.Delegates.REDIRECT)
    JavaDelegate redirectReferral() {
        return execution -> {
            String from = (String) execution.getVariable(SPECIALTY_CODE);
            String to = (String) execution.getVariable(REDIRECT_SPECIALTY);
            states.triaged(ubrn(execution), ReferralProcess.Outcomes.REDIRECT,
                    (String) execution.getVariable(TRIAGE_COMMENT), ReferralProcess.States.AWAITING_TRIAGE);
            audit.changedWith(CurrentUser.of(execution), "ServiceRequest/ubrn/" + ubrn(execution),
                    (String) execution.getVariable(NHS_NUMBER), "Redirected from " + from + " to " + to + ": "
                            + execution.getVariable(TRIAGE_COMMENT));
            execution.setVariable(SPECIALTY_CODE, to);
            execution.setVariable(SPECIALTY, SpecialtyNames.display(to));
        };
    }

    @Bean(ReferralProcess.Delegates.REQUEST_INFORMATION)
    JavaDelegate requestFurtherInformation() {
        return execution -> {
            execution.setVariable(INFORMATION_DUE_DATE, ReferralVariables.endOfWorkingDay(
                    workingDays.addWorkingDays(today(), settings.informationDays()), settings.zone()));
            recordTriage(execution, ReferralProcess.States.FURTHER_INFORMATION);
            notifications.tellGp(ubrn(execution), "further-information-requested", "Further information requested");
        };
    }

    private void recordTriage(DelegateExecution execution, String state) {
        execution.setVariable(REFERRAL_STATE, state);
        states.triaged(ubrn(execution), (String) execution.getVariable(TRIAGE_OUTCOME),
                (String) execution.getVariable(TRIAGE_COMMENT), state);
    }

    /** Two-week-wait patients must be seen within 14 days of referral; others within working days of acceptance. */
    private java.util.Date bookingDueDate(String priority, LocalDate referredOn) {
        LocalDate referred = referredOn == null ? today() : referredOn;
        LocalDate due = switch (priority == null ? "" : priority) {
            case ReferralProcess.Priorities.TWO_WEEK_WAIT -> referred.plusDays(settings.twoWeekWaitSeenWithinDays());
            case ReferralProcess.Priorities.URGENT -> workingDays.addWorkingDays(today(), settings.urgentBookingDays());
            default -> workingDays.addWorkingDays(today(), settings.routineBookingDays());
        };
        return ReferralVariables.endOfWorkingDay(due, settings.zone());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(settings.zone()));
    }

    private static String ubrn(DelegateExecution execution) {
        return (String) execution.getVariable(UBRN);
    }
}
