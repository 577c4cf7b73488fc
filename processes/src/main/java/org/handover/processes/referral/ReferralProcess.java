package org.handover.processes.referral;

import java.util.Set;

/**
 * Contract of the e-Referral triage process: a GP referral is routed by the rules to a triage team, a consultant
 * triages it, a booking administrator books it, and the GP and patient are told. Business key: the UBRN.
 *
 * <p>Escalations end with the step they escalate. Each waiting step that has a deadline (triage, booking, waiting
 * for further information) sits in its own embedded sub-process together with its non-interrupting timer and the
 * escalation task the timer opens. When the step completes, the flow reaches a terminate end event inside that
 * sub-process: an escalation task still open is cancelled (it has nothing left to chase, and it must not keep the
 * referral's process instance alive after the referral is booked or returned), and the flow leaves the
 * sub-process. The escalation stays in history, and the overdue flag written by {@link Delegates#FLAG_TRIAGE_OVERDUE}
 * stays on the referral.
 *
 * <p>No step is {@code asyncBefore}: routing must reach the triage task inside the intake transaction, and every
 * delegate only writes rows (state, outbox) in the process transaction, so a failure rolls back the user's action
 * and shows in Tasklist instead of becoming an incident. Timers are jobs anyway.
 */
public final class ReferralProcess {

    public static final String KEY = "ReferralTriage";
    public static final String RESOURCE = "processes/referral-triage.bpmn";
    /** Candidate group of the booking task (see docs/decisions/0003-camunda-group-ids.md). */
    public static final String BOOKING_GROUP = "booking-admins";

    private ReferralProcess() {
    }

    public static final class Elements {
        public static final String START = "StartEvent_ReferralReceived";
        public static final String ROUTE = "ServiceTask_RouteReferral";
        public static final String TRIAGE = "UserTask_TriageReferral";
        /** Non-interrupting timer on the triage task at ${triageDueDate}. */
        public static final String TRIAGE_OVERDUE = "BoundaryEvent_TriageOverdue";
        public static final String FLAG_TRIAGE_OVERDUE = "ServiceTask_FlagTriageOverdue";
        public static final String ESCALATE_TRIAGE = "UserTask_EscalateOverdueTriage";
        public static final String TRIAGE_OUTCOME = "Gateway_TriageOutcome";
        public static final String ACCEPT = "ServiceTask_AcceptReferral";
        public static final String BOOK = "UserTask_BookAppointment";
        /** Non-interrupting timer on the booking task at ${bookingDueDate}. */
        public static final String BOOKING_OVERDUE = "BoundaryEvent_BookingOverdue";
        public static final String ESCALATE_BOOKING = "UserTask_EscalateOverdueBooking";
        public static final String CONFIRM_BOOKING = "ServiceTask_ConfirmBooking";
        public static final String RETURN_WITH_ADVICE = "ServiceTask_ReturnWithAdvice";
        public static final String REDIRECT = "ServiceTask_RedirectReferral";
        public static final String REQUEST_INFORMATION = "ServiceTask_RequestFurtherInformation";
        public static final String AWAIT_INFORMATION = "ReceiveTask_AwaitFurtherInformation";
        /** Non-interrupting timer on the wait at ${informationDueDate}. */
        public static final String INFORMATION_OVERDUE = "BoundaryEvent_FurtherInformationOverdue";
        public static final String ESCALATE_INFORMATION = "UserTask_ChaseFurtherInformation";
        public static final String BOOKED = "EndEvent_ReferralBooked";
        public static final String RETURNED = "EndEvent_ReturnedToReferrer";
        /** Embedded sub-process: triage, its timer and its escalation; ends (terminate) when triage completes. */
        public static final String TRIAGE_STAGE = "SubProcess_Triage";
        /** Embedded sub-process: booking, its timer and its escalation; ends (terminate) when booking completes. */
        public static final String BOOKING_STAGE = "SubProcess_Booking";
        /** Embedded sub-process: the wait for the resubmission, its timer and the chase; ends when it arrives. */
        public static final String INFORMATION_STAGE = "SubProcess_AwaitFurtherInformation";

        private Elements() {
        }
    }

    /** Delegate bean names, as the BPMN refers to them with delegateExpression. */
    public static final class Delegates {
        public static final String ROUTE = "routeReferralDelegate";
        public static final String FLAG_TRIAGE_OVERDUE = "flagTriageOverdueDelegate";
        public static final String ACCEPT = "acceptReferralDelegate";
        public static final String CONFIRM_BOOKING = "confirmBookingDelegate";
        public static final String RETURN_WITH_ADVICE = "returnWithAdviceDelegate";
        public static final String REDIRECT = "redirectReferralDelegate";
        public static final String REQUEST_INFORMATION = "requestFurtherInformationDelegate";

        private Delegates() {
        }
    }

    public static final class Variables {
        // Set at start from the referral
        public static final String UBRN = "ubrn";
        /** Ten digits, for search and correlation. */
        public static final String NHS_NUMBER = "nhsNumber";
        public static final String PATIENT_NAME = "patientName";
        public static final String SPECIALTY_CODE = "specialtyCode";
        public static final String SPECIALTY = "specialty";
        public static final String REASON = "referralReason";
        public static final String CLINICAL_INFORMATION = "clinicalInformation";
        /**
         * What the forms show of the referral and nothing reads: the patient (name, NHS number as 3-3-4, age), the
         * referrer, the practice, the GP's priority and the attachments, as Markdown (a Camunda Form renders the
         * template of a text field as Markdown). One variable instead of one for each: every runtime variable is a
         * row with ten indexes (docs/decisions/0006-referral-intake-at-200-per-second.md).
         */
        public static final String REFERRAL_DETAILS = "referralDetails";

        // Set at start to the GP's priority, then by the routing rules
        public static final String PRIORITY = "priority";
        public static final String TRIAGE_GROUP = "triageGroup";
        public static final String SERVICE_LEAD_GROUP = "serviceLeadGroup";
        public static final String TRIAGE_DUE_DATE = "triageDueDate";
        public static final String ROUTING_REASON = "routingReason";
        public static final String RULES_FIRED = "rulesFired";

        // e-RS referral state, kept current by the delegates
        public static final String REFERRAL_STATE = "referralState";

        // Filled in on the triage form
        /** One of {@link Outcomes}. */
        public static final String TRIAGE_OUTCOME = "triageOutcome";
        /** Mandatory with every outcome. */
        public static final String TRIAGE_COMMENT = "triageComment";
        /** Optional on accept: the consultant's priority (may raise or lower). */
        public static final String NEW_PRIORITY = "newPriority";
        /** Required on redirect: the specialty code to re-route to. */
        public static final String REDIRECT_SPECIALTY = "redirectSpecialty";
        /**
         * Set when a new triage task is created after a redirect or a resubmission: the outcome and comment of the
         * round before, shown on the form. The four decision variables above are then removed, so the next person
         * starts from an empty decision (no stale comment pre-filled, no stale outcome passing the checks).
         */
        public static final String PREVIOUS_TRIAGE_OUTCOME = "previousTriageOutcome";
        public static final String PREVIOUS_TRIAGE_COMMENT = "previousTriageComment";

        // Filled in on the booking form
        public static final String APPOINTMENT_CLINIC = "appointmentClinic";
        /** ISO local date-time, e.g. 2026-12-01T09:30. */
        public static final String APPOINTMENT_START = "appointmentStart";
        public static final String APPOINTMENT_LOCATION = "appointmentLocation";
        public static final String BOOKING_DUE_DATE = "bookingDueDate";

        // Further information
        public static final String INFORMATION_DUE_DATE = "informationDueDate";
        public static final String FURTHER_INFORMATION = "furtherInformation";

        // Escalation and chase tasks
        /** Required: what the person did about the missed deadline. Local to each escalation task. */
        public static final String ACTION_TAKEN = "actionTaken";

        /**
         * The variables that only copy the referral record (table {@code referral}, what GET
         * /fhir/r4/ServiceRequest shows): the forms show them and the delegates read them while the process runs, but
         * they get no Camunda history ({@link org.handover.processes.history.AuditWithoutCopies}). Decisions (outcome,
         * comment, priority, appointment, action taken) and the rules that fired keep theirs.
         */
        public static final Set<String> COPIES_OF_THE_REFERRAL = Set.of(UBRN, NHS_NUMBER, PATIENT_NAME,
                SPECIALTY_CODE, SPECIALTY, REASON, CLINICAL_INFORMATION, FURTHER_INFORMATION, REFERRAL_DETAILS,
                REFERRAL_STATE, TRIAGE_GROUP, ROUTING_REASON);

        private Variables() {
        }
    }

    public static final class Outcomes {
        public static final String ACCEPT = "accept";
        public static final String RETURN_WITH_ADVICE = "return";
        public static final String REDIRECT = "redirect";
        public static final String REQUEST_INFORMATION = "request-information";

        private Outcomes() {
        }
    }

    /**
     * Values of {@link Variables#PRIORITY} (the GP's at start, then the rules') and {@link Variables#NEW_PRIORITY}.
     * Every user task takes its Tasklist priority from {@link Variables#PRIORITY} by an expression in the BPMN:
     * two-week-wait 90, urgent 70, routine (and anything else) 50.
     */
    public static final class Priorities {
        public static final String ROUTINE = "routine";
        public static final String URGENT = "urgent";
        /** Urgent suspected cancer. */
        public static final String TWO_WEEK_WAIT = "two-week-wait";

        private Priorities() {
        }
    }

    /** Camunda Forms (forms/src/main/resources/forms), bound to the tasks with formRefBinding "deployment". */
    public static final class Forms {
        public static final String TRIAGE = "triage-referral";
        public static final String BOOK = "book-appointment";
        /** Shared by the three escalation tasks (triage overdue, booking overdue, chase further information). */
        public static final String ESCALATE = "escalate-overdue";

        private Forms() {
        }
    }

    public static final class Messages {
        /**
         * The referrer resubmitted with the information asked for; correlated by business key (UBRN). The correlation
         * sets {@link Variables#FURTHER_INFORMATION}, a fresh {@link Variables#TRIAGE_DUE_DATE} (the triage clock
         * restarts; with the old deadline the triage timer would fire at once) and {@link Variables#REFERRAL_STATE}
         * {@link States#AWAITING_TRIAGE}, then the same team triages again.
         */
        public static final String FURTHER_INFORMATION_RECEIVED = "FurtherInformationReceived";

        private Messages() {
        }
    }

    /** e-RS referral states (https://fhir.nhs.uk/CodeSystem/eRS-ReferralState) this process moves through. */
    public static final class States {
        public static final String AWAITING_TRIAGE = "AWAITING_TRIAGE";
        public static final String NOT_BOOKED = "NOT_BOOKED";
        public static final String BOOKED = "BOOKED";
        public static final String TRIAGE_RESPONSE = "TRIAGE_RESPONSE";
        public static final String FURTHER_INFORMATION = "REFERRER_TO_SUBMIT_FURTHER_INFORMATION";

        private States() {
        }
    }
}
