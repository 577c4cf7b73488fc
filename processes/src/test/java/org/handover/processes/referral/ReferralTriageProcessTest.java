package org.handover.processes.referral;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.handover.processes.referral.ReferralProcess.Delegates;
import org.handover.processes.referral.ReferralProcess.Elements;
import org.handover.processes.referral.ReferralProcess.Messages;
import org.handover.processes.referral.ReferralProcess.Outcomes;
import org.handover.processes.referral.ReferralProcess.Priorities;
import org.handover.processes.referral.ReferralProcess.States;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model tests of the e-Referral triage process on an in-memory engine. The mock delegates set the variables the real
 * ones set (see the BPMN documentation of each service task) and record that they ran.
 */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = {ReferralProcess.RESOURCE,
        "forms/triage-referral.form", "forms/book-appointment.form", "forms/escalate-overdue.form"})
class ReferralTriageProcessTest {

    private static final String UBRN = "000012345678";
    private static final String COLORECTAL_TRIAGE = "colorectal-triage";
    private static final String COLORECTAL_LEADS = "colorectal-leads";
    private static final Map<String, String> SPECIALTIES = Map.of(
            "colorectal", "Colorectal surgery", "paediatrics", "Paediatrics", "dermatology", "Dermatology");

    ProcessEngine processEngine;
    private final List<String> calls = new ArrayList<>();

    @BeforeEach
    void registerDelegates() {
        mock(Delegates.ROUTE, execution -> {
            String code = (String) execution.getVariable(ReferralProcess.Variables.SPECIALTY_CODE);
            execution.setVariable(ReferralProcess.Variables.TRIAGE_GROUP, code + "-triage");
            execution.setVariable(ReferralProcess.Variables.SERVICE_LEAD_GROUP, code + "-leads");
            execution.setVariable(ReferralProcess.Variables.TRIAGE_DUE_DATE, inDays(1));
            execution.setVariable(ReferralProcess.Variables.ROUTING_REASON, "Specialty " + code + " goes to " + code + "-triage");
            execution.setVariable(ReferralProcess.Variables.RULES_FIRED, "RouteBySpecialty");
            execution.setVariable(ReferralProcess.Variables.REFERRAL_STATE, States.AWAITING_TRIAGE);
        });
        mock(Delegates.FLAG_TRIAGE_OVERDUE, execution -> { });
        mock(Delegates.ACCEPT, execution -> {
            Object newPriority = execution.getVariable(ReferralProcess.Variables.NEW_PRIORITY);
            if (newPriority != null) {
                execution.setVariable(ReferralProcess.Variables.PRIORITY, newPriority);
            }
            execution.setVariable(ReferralProcess.Variables.BOOKING_DUE_DATE, inDays(10));
            execution.setVariable(ReferralProcess.Variables.REFERRAL_STATE, States.NOT_BOOKED);
        });
        mock(Delegates.CONFIRM_BOOKING, execution ->
                execution.setVariable(ReferralProcess.Variables.REFERRAL_STATE, States.BOOKED));
        mock(Delegates.RETURN_WITH_ADVICE, execution ->
                execution.setVariable(ReferralProcess.Variables.REFERRAL_STATE, States.TRIAGE_RESPONSE));
        mock(Delegates.REDIRECT, execution -> {
            String code = (String) execution.getVariable(ReferralProcess.Variables.REDIRECT_SPECIALTY);
            execution.setVariable(ReferralProcess.Variables.SPECIALTY_CODE, code);
            execution.setVariable(ReferralProcess.Variables.SPECIALTY, SPECIALTIES.get(code));
        });
        mock(Delegates.REQUEST_INFORMATION, execution -> {
            execution.setVariable(ReferralProcess.Variables.INFORMATION_DUE_DATE, inDays(14));
            execution.setVariable(ReferralProcess.Variables.REFERRAL_STATE, States.FURTHER_INFORMATION);
        });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    // ---- routing and the triage task

    @Test
    void aReferralIsRoutedToItsTeamsTriageTaskInTheStartingTransaction() {
        ProcessInstance instance = start(Priorities.ROUTINE);

        assertThat(instance).isWaitingAt(Elements.TRIAGE);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.ROUTE);
        Task triage = task(instance, Elements.TRIAGE);
        assertThat(triage).hasCandidateGroup(COLORECTAL_TRIAGE).hasName("Triage referral: Colorectal surgery");
        assertSameInstant(triage.getDueDate(), variable(instance, ReferralProcess.Variables.TRIAGE_DUE_DATE));
        org.assertj.core.api.Assertions.assertThat(triage.getPriority()).isEqualTo(50);
        assertSameInstant(job(Elements.TRIAGE_OVERDUE, instance).getDuedate(),
                variable(instance, ReferralProcess.Variables.TRIAGE_DUE_DATE));
    }

    @ParameterizedTest
    @CsvSource({"two-week-wait, 90", "urgent, 70", "routine, 50"})
    void theTaskPriorityFollowsTheReferralPriority(String priority, int taskPriority) {
        ProcessInstance instance = start(priority);
        org.assertj.core.api.Assertions.assertThat(task(instance, Elements.TRIAGE).getPriority()).isEqualTo(taskPriority);
    }

    @Test
    void everyTaskOpensItsCamundaFormFromTheSameDeployment() {
        ProcessInstance instance = start(Priorities.URGENT);
        assertForm(task(instance, Elements.TRIAGE), ReferralProcess.Forms.TRIAGE);
        execute(job(Elements.TRIAGE_OVERDUE, instance));
        assertForm(task(instance, Elements.ESCALATE_TRIAGE), ReferralProcess.Forms.ESCALATE);

        triage(instance, Outcomes.ACCEPT, "Clinic within two weeks");
        assertForm(task(instance, Elements.BOOK), ReferralProcess.Forms.BOOK);
        execute(job(Elements.BOOKING_OVERDUE, instance));
        assertForm(task(instance, Elements.ESCALATE_BOOKING), ReferralProcess.Forms.ESCALATE);
    }

    // ---- the four outcomes

    @Test
    void acceptedReferralsAreBookedAndConfirmed() {
        ProcessInstance instance = start(Priorities.URGENT);
        triage(instance, Outcomes.ACCEPT, "Flexible sigmoidoscopy clinic, please");

        assertThat(instance).isWaitingAt(Elements.BOOK);
        Task book = task(instance, Elements.BOOK);
        assertThat(book).hasCandidateGroup(ReferralProcess.BOOKING_GROUP).hasName("Book appointment: Colorectal surgery");
        assertSameInstant(book.getDueDate(), variable(instance, ReferralProcess.Variables.BOOKING_DUE_DATE));
        org.assertj.core.api.Assertions.assertThat(book.getPriority()).isEqualTo(70);
        org.assertj.core.api.Assertions.assertThat(variable(instance, ReferralProcess.Variables.REFERRAL_STATE))
                .isEqualTo(States.NOT_BOOKED);

        String start = nextWeek();
        book(instance, "Colorectal outpatients, Mr Patel", start, "Outpatients B, Level 2");

        assertThat(instance).hasPassedInOrder(Elements.ROUTE, Elements.TRIAGE, Elements.ACCEPT, Elements.BOOK,
                Elements.CONFIRM_BOOKING, Elements.BOOKED).isEnded();
        org.assertj.core.api.Assertions.assertThat(calls)
                .containsExactly(Delegates.ROUTE, Delegates.ACCEPT, Delegates.CONFIRM_BOOKING);
        org.assertj.core.api.Assertions.assertThat(historicVariable(instance, ReferralProcess.Variables.REFERRAL_STATE))
                .isEqualTo(States.BOOKED);
        org.assertj.core.api.Assertions.assertThat(historicVariable(instance, ReferralProcess.Variables.APPOINTMENT_START))
                .isEqualTo(start);
    }

    @Test
    void theConsultantMayChangeThePriorityWhenAccepting() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        triage(instance, Outcomes.ACCEPT, "Suspicious lesion on the photographs",
                ReferralProcess.Variables.NEW_PRIORITY, Priorities.TWO_WEEK_WAIT);

        org.assertj.core.api.Assertions.assertThat(variable(instance, ReferralProcess.Variables.PRIORITY))
                .isEqualTo(Priorities.TWO_WEEK_WAIT);
        org.assertj.core.api.Assertions.assertThat(task(instance, Elements.BOOK).getPriority()).isEqualTo(90);
    }

    @Test
    void returnedReferralsEndWithAdviceToTheReferrer() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        triage(instance, Outcomes.RETURN_WITH_ADVICE, "Trial of fibre and review in 6 weeks");

        assertThat(instance).hasPassed(Elements.RETURN_WITH_ADVICE).hasNotPassed(Elements.ACCEPT)
                .isEnded();
        assertThat(instance).hasPassed(Elements.RETURNED);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.ROUTE, Delegates.RETURN_WITH_ADVICE);
        org.assertj.core.api.Assertions.assertThat(historicVariable(instance, ReferralProcess.Variables.REFERRAL_STATE))
                .isEqualTo(States.TRIAGE_RESPONSE);
    }

    @Test
    void redirectedReferralsAreRoutedAgainToTheNewTeam() {
        ProcessInstance instance = start(Priorities.URGENT);
        submitForm(task(instance, Elements.TRIAGE), ReferralProcess.Variables.TRIAGE_OUTCOME, Outcomes.REDIRECT,
                ReferralProcess.Variables.TRIAGE_COMMENT, "Patient is 15: paediatric surgeons should see him",
                ReferralProcess.Variables.REDIRECT_SPECIALTY, "paediatrics");

        assertThat(instance).isWaitingAt(Elements.TRIAGE).hasPassed(Elements.REDIRECT);
        org.assertj.core.api.Assertions.assertThat(calls)
                .containsExactly(Delegates.ROUTE, Delegates.REDIRECT, Delegates.ROUTE);
        List<Task> tasks = tasks(instance);
        org.assertj.core.api.Assertions.assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0)).hasDefinitionKey(Elements.TRIAGE).hasCandidateGroup("paediatrics-triage")
                .hasName("Triage referral: Paediatrics");
        org.assertj.core.api.Assertions.assertThat(job(Elements.TRIAGE_OVERDUE, instance)).isNotNull();

        // The new team starts from an empty decision and sees the previous one
        assertThat(instance).variables()
                .doesNotContainKeys(ReferralProcess.Variables.TRIAGE_OUTCOME, ReferralProcess.Variables.TRIAGE_COMMENT,
                        ReferralProcess.Variables.REDIRECT_SPECIALTY)
                .containsEntry(ReferralProcess.Variables.PREVIOUS_TRIAGE_OUTCOME, Outcomes.REDIRECT)
                .containsEntry(ReferralProcess.Variables.PREVIOUS_TRIAGE_COMMENT,
                        "Patient is 15: paediatric surgeons should see him");

        triage(instance, Outcomes.ACCEPT, "Paediatric surgical clinic");
        assertThat(instance).isWaitingAt(Elements.BOOK);
    }

    @Test
    void aRequestForInformationWaitsForTheResubmissionThenTheSameTeamTriagesAgain() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        triage(instance, Outcomes.REQUEST_INFORMATION, "Please send the FIT result");

        assertThat(instance).isWaitingAt(Elements.AWAIT_INFORMATION);
        org.assertj.core.api.Assertions.assertThat(tasks(instance)).isEmpty();
        org.assertj.core.api.Assertions.assertThat(variable(instance, ReferralProcess.Variables.REFERRAL_STATE))
                .isEqualTo(States.FURTHER_INFORMATION);

        Date newDeadline = inDays(3);
        resubmit("FIT 150 ug/g on 3 March", newDeadline);

        assertThat(instance).isWaitingAt(Elements.TRIAGE);
        Task triage = task(instance, Elements.TRIAGE);
        assertThat(triage).hasCandidateGroup(COLORECTAL_TRIAGE);
        assertSameInstant(triage.getDueDate(), newDeadline);
        assertSameInstant(job(Elements.TRIAGE_OVERDUE, instance).getDuedate(), newDeadline);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.ROUTE, Delegates.REQUEST_INFORMATION);
        assertThat(instance).variables()
                .containsEntry(ReferralProcess.Variables.FURTHER_INFORMATION, "FIT 150 ug/g on 3 March")
                .containsEntry(ReferralProcess.Variables.PREVIOUS_TRIAGE_COMMENT, "Please send the FIT result")
                .doesNotContainKeys(ReferralProcess.Variables.TRIAGE_OUTCOME, ReferralProcess.Variables.TRIAGE_COMMENT);

        triage(instance, Outcomes.ACCEPT, "Thank you; straight to test");
        assertThat(instance).isWaitingAt(Elements.BOOK);
    }

    @Test
    void anUnansweredRequestOpensAChaseTaskForTheTriageTeamAndKeepsWaiting() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        triage(instance, Outcomes.REQUEST_INFORMATION, "Please send the FIT result");
        assertSameInstant(job(Elements.INFORMATION_OVERDUE, instance).getDuedate(),
                variable(instance, ReferralProcess.Variables.INFORMATION_DUE_DATE));

        execute(job(Elements.INFORMATION_OVERDUE, instance));

        assertThat(instance).isWaitingAt(Elements.AWAIT_INFORMATION, Elements.ESCALATE_INFORMATION);
        assertThat(task(instance, Elements.ESCALATE_INFORMATION)).hasCandidateGroup(COLORECTAL_TRIAGE)
                .hasName("Chase further information: Colorectal surgery");

        // The answer arrives while the chase is open: the chase is cancelled, triage begins again
        resubmit("FIT 150 ug/g", inDays(3));
        assertThat(instance).isWaitingAt(Elements.TRIAGE);
        org.assertj.core.api.Assertions.assertThat(tasks(instance)).extracting(Task::getTaskDefinitionKey)
                .containsExactly(Elements.TRIAGE);
    }

    @Test
    void aChaseTaskCanBeCompletedWhileTheReferralKeepsWaiting() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        triage(instance, Outcomes.REQUEST_INFORMATION, "Please send the FIT result");
        execute(job(Elements.INFORMATION_OVERDUE, instance));

        submitForm(task(instance, Elements.ESCALATE_INFORMATION),
                ReferralProcess.Variables.ACTION_TAKEN, "Phoned the practice; result promised by Friday");

        assertThat(instance).isWaitingAt(Elements.AWAIT_INFORMATION).hasPassed(Elements.ESCALATE_INFORMATION);
        org.assertj.core.api.Assertions.assertThat(tasks(instance)).isEmpty();
    }

    // ---- escalations

    @Test
    void anOverdueTriageIsFlaggedAndEscalatedToTheServiceLeadWhileTheTeamKeepsTheTask() {
        ProcessInstance instance = start(Priorities.TWO_WEEK_WAIT);

        execute(job(Elements.TRIAGE_OVERDUE, instance));

        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.ROUTE, Delegates.FLAG_TRIAGE_OVERDUE);
        assertThat(instance).isWaitingAt(Elements.TRIAGE, Elements.ESCALATE_TRIAGE);
        assertThat(task(instance, Elements.TRIAGE)).hasCandidateGroup(COLORECTAL_TRIAGE);
        Task escalation = task(instance, Elements.ESCALATE_TRIAGE);
        assertThat(escalation).hasCandidateGroup(COLORECTAL_LEADS).hasName("Triage overdue: Colorectal surgery");
        org.assertj.core.api.Assertions.assertThat(escalation.getPriority()).isEqualTo(90);

        submitForm(escalation, ReferralProcess.Variables.ACTION_TAKEN, "Asked Dr Jones to triage it today");
        assertThat(instance).isWaitingAt(Elements.TRIAGE).hasPassed(Elements.ESCALATE_TRIAGE);
        org.assertj.core.api.Assertions.assertThat(historicVariable(instance, ReferralProcess.Variables.ACTION_TAKEN))
                .isEqualTo("Asked Dr Jones to triage it today");
        assertThat(instance).variables().doesNotContainKey(ReferralProcess.Variables.ACTION_TAKEN);
    }

    @Test
    void completingTriageCancelsAnOpenEscalationSoTheReferralCanEnd() {
        ProcessInstance instance = start(Priorities.TWO_WEEK_WAIT);
        execute(job(Elements.TRIAGE_OVERDUE, instance));

        triage(instance, Outcomes.RETURN_WITH_ADVICE, "Not cancer: manage in primary care");

        assertThat(instance).hasPassed(Elements.RETURNED).isEnded();
        var escalation = processEngine.getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(instance.getId()).taskDefinitionKey(Elements.ESCALATE_TRIAGE).singleResult();
        org.assertj.core.api.Assertions.assertThat(escalation.getEndTime()).isNotNull();
        org.assertj.core.api.Assertions.assertThat(escalation.getDeleteReason()).isNotEqualTo("completed");
    }

    @Test
    void anOverdueBookingIsEscalatedToTheServiceLeadAndEndsWhenBooked() {
        ProcessInstance instance = start(Priorities.TWO_WEEK_WAIT);
        triage(instance, Outcomes.ACCEPT, "Straight to test");
        assertSameInstant(job(Elements.BOOKING_OVERDUE, instance).getDuedate(),
                variable(instance, ReferralProcess.Variables.BOOKING_DUE_DATE));

        execute(job(Elements.BOOKING_OVERDUE, instance));

        assertThat(instance).isWaitingAt(Elements.BOOK, Elements.ESCALATE_BOOKING);
        assertThat(task(instance, Elements.ESCALATE_BOOKING)).hasCandidateGroup(COLORECTAL_LEADS)
                .hasName("Booking overdue: Colorectal surgery");
        assertThat(task(instance, Elements.BOOK)).hasCandidateGroup(ReferralProcess.BOOKING_GROUP);

        book(instance, "Colorectal outpatients", nextWeek(), "Outpatients B");
        assertThat(instance).hasPassed(Elements.CONFIRM_BOOKING, Elements.BOOKED).isEnded();
    }

    @Test
    void anEscalationNeedsTheActionTaken() {
        ProcessInstance instance = start(Priorities.URGENT);
        execute(job(Elements.TRIAGE_OVERDUE, instance));
        Task escalation = task(instance, Elements.ESCALATE_TRIAGE);

        assertThatThrownBy(() -> complete(escalation, ReferralProcess.Variables.ACTION_TAKEN, " "))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Record the action taken");
        assertThat(instance).isWaitingAt(Elements.TRIAGE, Elements.ESCALATE_TRIAGE);
    }

    // ---- refusals on the triage task

    @Test
    void triageWithoutAnOutcomeIsRefused() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        Task triage = task(instance, Elements.TRIAGE);

        assertThatThrownBy(() -> complete(triage, ReferralProcess.Variables.TRIAGE_COMMENT, "Seen"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Choose an outcome");
        assertThatThrownBy(() -> complete(triage, ReferralProcess.Variables.TRIAGE_OUTCOME, "reject",
                ReferralProcess.Variables.TRIAGE_COMMENT, "Seen"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Choose an outcome");
        assertThat(instance).isWaitingAt(Elements.TRIAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {Outcomes.ACCEPT, Outcomes.RETURN_WITH_ADVICE, Outcomes.REDIRECT, Outcomes.REQUEST_INFORMATION})
    void everyOutcomeNeedsATriageComment(String outcome) {
        ProcessInstance instance = start(Priorities.ROUTINE);
        Task triage = task(instance, Elements.TRIAGE);

        assertThatThrownBy(() -> complete(triage, ReferralProcess.Variables.TRIAGE_OUTCOME, outcome,
                ReferralProcess.Variables.REDIRECT_SPECIALTY, "dermatology"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Write a triage comment");
        assertThatThrownBy(() -> complete(triage, ReferralProcess.Variables.TRIAGE_OUTCOME, outcome,
                ReferralProcess.Variables.TRIAGE_COMMENT, "  \n ", ReferralProcess.Variables.REDIRECT_SPECIALTY, "dermatology"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Write a triage comment");
        assertThat(instance).isWaitingAt(Elements.TRIAGE);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.ROUTE);
    }

    @Test
    void aRedirectNeedsAnotherService() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        Task triage = task(instance, Elements.TRIAGE);

        assertThatThrownBy(() -> complete(triage, ReferralProcess.Variables.TRIAGE_OUTCOME, Outcomes.REDIRECT,
                ReferralProcess.Variables.TRIAGE_COMMENT, "Not ours"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Choose the service to redirect");
        assertThatThrownBy(() -> complete(triage, ReferralProcess.Variables.TRIAGE_OUTCOME, Outcomes.REDIRECT,
                ReferralProcess.Variables.TRIAGE_COMMENT, "Not ours", ReferralProcess.Variables.REDIRECT_SPECIALTY, "colorectal"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("already with colorectal");
        assertThat(instance).isWaitingAt(Elements.TRIAGE);
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly(Delegates.ROUTE);
    }

    @Test
    void aNewPriorityMustBeOneOfThePriorities() {
        ProcessInstance instance = start(Priorities.ROUTINE);
        Task triage = task(instance, Elements.TRIAGE);

        assertThatThrownBy(() -> complete(triage, ReferralProcess.Variables.TRIAGE_OUTCOME, Outcomes.ACCEPT,
                ReferralProcess.Variables.TRIAGE_COMMENT, "Soon", ReferralProcess.Variables.NEW_PRIORITY, "2WW"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("routine, urgent or two-week-wait");
        assertThat(instance).isWaitingAt(Elements.TRIAGE);
    }

    // ---- refusals on the booking task

    @Test
    void aBookingNeedsClinicStartAndLocation() {
        ProcessInstance instance = start(Priorities.URGENT);
        triage(instance, Outcomes.ACCEPT, "Clinic");
        Task book = task(instance, Elements.BOOK);

        assertThatThrownBy(() -> complete(book, ReferralProcess.Variables.APPOINTMENT_CLINIC, "Colorectal outpatients",
                ReferralProcess.Variables.APPOINTMENT_LOCATION, "Outpatients B"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Give the date and time of the appointment "
                        + "before completing the booking.");
        assertThatThrownBy(() -> complete(book, ReferralProcess.Variables.APPOINTMENT_START, nextWeek()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Give the clinic and the location of the appointment "
                        + "before completing the booking.");
        assertThat(instance).isWaitingAt(Elements.BOOK);
        org.assertj.core.api.Assertions.assertThat(calls).doesNotContain(Delegates.CONFIRM_BOOKING);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2020-01-06T09:30 | is in the past",
            "next tuesday     | is not a date and time",
            "2026-13-01T09:30 | is not a date and time"})
    void aBookingStartMustBeADateTimeNotInThePast(String start, String message) {
        ProcessInstance instance = start(Priorities.URGENT);
        triage(instance, Outcomes.ACCEPT, "Clinic");

        assertThatThrownBy(() -> book(instance, "Colorectal outpatients", start, "Outpatients B"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining(message);
        assertThat(instance).isWaitingAt(Elements.BOOK);
    }

    @Test
    void aBookingStartWithAnOffsetIsStoredInClinicTime() {
        ProcessInstance instance = start(Priorities.URGENT);
        triage(instance, Outcomes.ACCEPT, "Clinic");

        book(instance, "Colorectal outpatients", "2099-07-01T08:30:00Z", "Outpatients B");

        org.assertj.core.api.Assertions.assertThat(historicVariable(instance, ReferralProcess.Variables.APPOINTMENT_START))
                .isEqualTo("2099-07-01T09:30");
    }

    // ---- helpers

    private void mock(String name, JavaDelegateBody body) {
        Mocks.register(name, (JavaDelegate) execution -> {
            calls.add(name);
            body.run(execution);
        });
    }

    @FunctionalInterface
    private interface JavaDelegateBody {
        void run(DelegateExecution execution) throws Exception;
    }

    private ProcessInstance start(String gpPriority) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ReferralProcess.Variables.UBRN, UBRN);
        variables.put(ReferralProcess.Variables.NHS_NUMBER, "9434765919");
        variables.put(ReferralProcess.Variables.PATIENT_NAME, "Alex Testpatient");
        variables.put(ReferralProcess.Variables.SPECIALTY_CODE, "colorectal");
        variables.put(ReferralProcess.Variables.SPECIALTY, "Colorectal surgery");
        variables.put(ReferralProcess.Variables.PRIORITY, gpPriority);
        variables.put(ReferralProcess.Variables.REASON, "Change in bowel habit");
        variables.put(ReferralProcess.Variables.CLINICAL_INFORMATION, "Six weeks of looser stools.");
        variables.put(ReferralProcess.Variables.REFERRAL_DETAILS, "#### Patient\n\n- **Name:** Alex Testpatient\n"
                + "- **NHS number:** 943 476 5919\n- **Age:** 62\n\n#### Attachments\n\n- Blood results 01/03");
        return processEngine.getRuntimeService().startProcessInstanceByKey(ReferralProcess.KEY, UBRN, variables);
    }

    private void triage(ProcessInstance instance, String outcome, String comment, Object... more) {
        Object[] pairs = new Object[4 + more.length];
        pairs[0] = ReferralProcess.Variables.TRIAGE_OUTCOME;
        pairs[1] = outcome;
        pairs[2] = ReferralProcess.Variables.TRIAGE_COMMENT;
        pairs[3] = comment;
        System.arraycopy(more, 0, pairs, 4, more.length);
        complete(task(instance, Elements.TRIAGE), pairs);
    }

    private void book(ProcessInstance instance, String clinic, String start, String location) {
        complete(task(instance, Elements.BOOK), ReferralProcess.Variables.APPOINTMENT_CLINIC, clinic,
                ReferralProcess.Variables.APPOINTMENT_START, start, ReferralProcess.Variables.APPOINTMENT_LOCATION, location);
    }

    private void resubmit(String information, Date triageDueDate) {
        processEngine.getRuntimeService().createMessageCorrelation(Messages.FURTHER_INFORMATION_RECEIVED)
                .processInstanceBusinessKey(UBRN)
                .setVariable(ReferralProcess.Variables.FURTHER_INFORMATION, information)
                .setVariable(ReferralProcess.Variables.TRIAGE_DUE_DATE, triageDueDate)
                .setVariable(ReferralProcess.Variables.REFERRAL_STATE, States.AWAITING_TRIAGE)
                .correlate();
    }

    /** As Tasklist does it. */
    private void submitForm(Task task, Object... pairs) {
        processEngine.getFormService().submitTaskForm(task.getId(), map(pairs));
    }

    private void complete(Task task, Object... pairs) {
        processEngine.getTaskService().complete(task.getId(), map(pairs));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private Task task(ProcessInstance instance, String definitionKey) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
                .taskDefinitionKey(definitionKey).initializeFormKeys().singleResult();
    }

    private List<Task> tasks(ProcessInstance instance) {
        return processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list();
    }

    private Object variable(ProcessInstance instance, String name) {
        return processEngine.getRuntimeService().getVariable(instance.getId(), name);
    }

    private Object historicVariable(ProcessInstance instance, String name) {
        return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableName(name).singleResult().getValue();
    }

    private void assertForm(Task task, String formId) {
        org.assertj.core.api.Assertions.assertThat(task.getCamundaFormRef().getKey()).isEqualTo(formId);
        org.assertj.core.api.Assertions.assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");
        try (var form = processEngine.getFormService().getDeployedTaskForm(task.getId())) {
            org.assertj.core.api.Assertions.assertThat(new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"id\": \"" + formId + "\"");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSameInstant(Date actual, Object expected) {
        org.assertj.core.api.Assertions.assertThat(actual).isNotNull();
        org.assertj.core.api.Assertions.assertThat(actual.getTime()).isEqualTo(((Date) expected).getTime());
    }

    private static Date inDays(int days) {
        return Date.from(java.time.Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    }

    private static String nextWeek() {
        return LocalDateTime.now(ZoneId.of("Europe/London")).plusDays(7).truncatedTo(ChronoUnit.HOURS).toString();
    }
}
