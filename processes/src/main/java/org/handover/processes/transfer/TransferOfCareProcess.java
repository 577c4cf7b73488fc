package org.handover.processes.transfer;

import java.util.List;
import java.util.Set;

/**
 * Contract of the transfer-of-care process: when a patient is discharged, the discharging team completes the
 * discharge summary in Tasklist (skipped when a complete summary came from upstream), Handover builds the ITK3
 * eDischarge message (FHIR STU3), validates it, and sends it over MESH to the GP practice's mailbox; the GP's
 * business acknowledgement ends it. A negative acknowledgement, a MESH error report or a practice without a mailbox
 * opens "Resolve GP delivery problem" for the ward administrators. The 24-hour standard runs from discharge to the
 * GP's acknowledgement: a warning escalates to the discharge leads, a breach is recorded. With results pending, an
 * addendum follows when the results arrive. A cancelled discharge withdraws the process and tells a GP who was sent
 * something. Business key: the hospital episode id.
 */
public final class TransferOfCareProcess {

    public static final String KEY = "TransferOfCare";
    public static final String RESOURCE = "processes/transfer-of-care.bpmn";
    /** Who completes the summary and resolves delivery problems (the ward's administrators, see the README). */
    public static final String WARD_ADMINS_GROUP = "ward-admins";
    /** MESH workflow of inpatient discharge summaries; the GP's responses come back on {@link #ACK_WORKFLOW_ID}. */
    public static final String WORKFLOW_ID = "TOC_FHIR_IP_DISCH";
    public static final String ACK_WORKFLOW_ID = "TOC_FHIR_IP_DISCH_ACK";

    private TransferOfCareProcess() {
    }

    public static final class Elements {
        public static final String START = "StartEvent_PatientDischarged";
        /** Embedded sub-process from discharge to the GP's acknowledgement of the summary; carries the SLA timers. */
        public static final String DELIVER_SUMMARY = "SubProcess_DeliverSummary";
        public static final String SUMMARY_FROM_UPSTREAM = "Gateway_SummaryFromUpstream";
        public static final String COMPLETE_SUMMARY = "UserTask_CompleteDischargeSummary";
        public static final String RECORD_SUMMARY = "ServiceTask_RecordSummary";
        /** asyncBefore: a job builds, validates and sends (see the BPMN documentation). */
        public static final String BUILD_MESSAGE = "ServiceTask_BuildDischargeMessage";
        public static final String MESSAGE_VALID = "Gateway_MessageValid";
        public static final String FIX_SUMMARY = "UserTask_FixDischargeSummary";
        public static final String SEND = "ServiceTask_SendToGp";
        public static final String MAILBOX_FOUND = "Gateway_MailboxFound";
        public static final String GP_RESPONSE = "Gateway_GpResponse";
        public static final String GP_ACKNOWLEDGED = "CatchEvent_GpAcknowledged";
        public static final String GP_REJECTED = "CatchEvent_GpRejected";
        public static final String SUMMARY_ACKNOWLEDGED = "EndEvent_SummaryAcknowledged";
        public static final String RESOLVE_DELIVERY = "UserTask_ResolveGpDelivery";
        public static final String RESOLUTION = "Gateway_Resolution";
        public static final String RECORD_DELIVERED_OTHERWISE = "ServiceTask_RecordDeliveredOtherwise";
        public static final String DELIVERED_OTHERWISE = "EndEvent_DeliveredOtherwise";
        /** Non-interrupting timer event sub-process at ${slaWarningAt}. */
        public static final String SLA_WARNING = "StartEvent_SlaWarning";
        public static final String RECORD_SLA_WARNING = "ServiceTask_RecordSlaWarning";
        public static final String CHASE_SUMMARY = "UserTask_ChaseLateSummary";
        /** Non-interrupting timer event sub-process at ${slaBreachAt}. */
        public static final String SLA_BREACH = "StartEvent_SlaBreach";
        public static final String RECORD_SLA_BREACH = "ServiceTask_RecordSlaBreach";
        public static final String RESULTS_PENDING = "Gateway_ResultsPending";
        public static final String COMPLETE = "EndEvent_TransferComplete";
        public static final String RESULTS_ARRIVED = "ReceiveTask_ResultsArrived";
        public static final String SEND_ADDENDUM = "ServiceTask_SendAddendum";
        public static final String ADDENDUM_MAILBOX_FOUND = "Gateway_AddendumMailboxFound";
        public static final String ADDENDUM_RESPONSE = "Gateway_AddendumResponse";
        public static final String ADDENDUM_ACKNOWLEDGED = "CatchEvent_AddendumAcknowledged";
        public static final String ADDENDUM_REJECTED = "CatchEvent_AddendumRejected";
        public static final String ADDENDUM_COMPLETE = "EndEvent_AddendumAcknowledged";
        public static final String RESOLVE_ADDENDUM = "UserTask_ResolveAddendumDelivery";
        public static final String ADDENDUM_RESOLVED = "EndEvent_AddendumResolved";
        /** Interrupting event sub-process started by {@link Messages#DISCHARGE_CANCELLED}. */
        public static final String CANCELLED = "StartEvent_DischargeCancelled";
        public static final String WITHDRAW = "ServiceTask_WithdrawTransferOfCare";
        public static final String WITHDRAWN = "EndEvent_Withdrawn";

        private Elements() {
        }
    }

    /** Delegate bean names, as the BPMN refers to them with delegateExpression. */
    public static final class Delegates {
        public static final String RECORD_SUMMARY = "recordDischargeSummaryDelegate";
        public static final String BUILD_MESSAGE = "buildDischargeMessageDelegate";
        public static final String SEND = "sendToGpDelegate";
        public static final String RECORD_DELIVERED_OTHERWISE = "recordDeliveredOtherwiseDelegate";
        public static final String RECORD_SLA_WARNING = "recordSlaWarningDelegate";
        public static final String RECORD_SLA_BREACH = "recordSlaBreachDelegate";
        public static final String WITHDRAW = "withdrawTransferOfCareDelegate";

        private Delegates() {
        }
    }

    public static final class Variables {
        // Set at start from the discharge: what the model, the findable-task listener and the delegates read by name
        public static final String EPISODE_ID = "episodeId";
        public static final String NHS_NUMBER = "nhsNumber";
        public static final String PATIENT_NAME = "patientName";
        public static final String WARD = "ward";
        /**
         * What only the forms show, in Markdown: the patient (NHS number as 3-3-4, birth date), the stay (ward,
         * specialty, consultant, admitted, discharged) and, when the patient died in hospital, a paragraph saying so.
         */
        public static final String DISCHARGE_DETAILS = "dischargeDetails";
        /** The GP practice's ODS code; the ward administrator may correct it when resolving a delivery problem. */
        public static final String GP_PRACTICE_ODS = "gpPracticeOds";
        /** True when a complete summary arrived from upstream: the summary task is skipped. */
        public static final String SUMMARY_COMPLETE = "summaryComplete";
        public static final String SLA_WARNING_AT = "slaWarningAt";
        /** 24 hours after discharge: the breach timer, and the due date of the summary and chase tasks. */
        public static final String SLA_BREACH_AT = "slaBreachAt";
        public static final String ESCALATION_GROUP = "escalationGroup";

        // The summary form (PRSB headings); list fields hold one entry per line
        public static final String GP_ACTIONS = "gpActions";
        public static final String DIAGNOSES = "diagnoses";
        public static final String PROCEDURES = "procedures";
        public static final String CLINICAL_SUMMARY = "clinicalSummary";
        public static final String MEDICATIONS = "medications";
        public static final String ALLERGIES = "allergies";
        public static final String PATIENT_INFORMATION = "patientInformation";
        /** "yes" or "no". */
        public static final String RESULTS_PENDING = "resultsPending";
        public static final String COMPLETED_BY = "completedBy";

        /** The headings the form writes, which the record step stores and removes again. */
        public static final List<String> SUMMARY_HEADINGS = List.of(GP_ACTIONS, DIAGNOSES, PROCEDURES,
                CLINICAL_SUMMARY, MEDICATIONS, ALLERGIES, PATIENT_INFORMATION);

        /** Headings that must be filled in before the summary is accepted. */
        public static final List<String> REQUIRED_SUMMARY_FIELDS = List.of(GP_ACTIONS, DIAGNOSES, CLINICAL_SUMMARY,
                MEDICATIONS, ALLERGIES, PATIENT_INFORMATION, RESULTS_PENDING, COMPLETED_BY);

        // Building and sending
        /** Transient: the gateway after the build reads it, nothing later. */
        public static final String MESSAGE_VALID = "messageValid";
        /** The validator's errors, one per line, for the fix task; absent while the message is valid. */
        public static final String VALIDATION_ERRORS = "validationErrors";
        /** Id of the built message waiting to be sent (also its MESH local id and idempotency key). */
        public static final String PENDING_MESSAGE_ID = "pendingMessageId";
        /** Id of the sent message whose acknowledgement the process waits for; responses are correlated by it. */
        public static final String AWAITING_MESSAGE_ID = "awaitingMessageId";
        /** Transient: the gateway after the send reads it, nothing later. */
        public static final String GP_MAILBOX_FOUND = "gpMailboxFound";
        /** Set from the second build on (the first is attempt 1): a resend gets a new message id. */
        public static final String MESSAGE_ATTEMPT = "messageAttempt";
        /** What went wrong with the delivery, for the resolve task. */
        public static final String DELIVERY_PROBLEM = "deliveryProblem";

        // The resolve form
        /** {@link Resolutions#RESEND} or {@link Resolutions#DELIVERED_OTHERWISE}. */
        public static final String RESOLUTION = "resolution";
        public static final String RESOLUTION_NOTE = "resolutionNote";

        // Escalation
        public static final String ACTION_TAKEN = "actionTaken";

        // Cancellation
        public static final String CANCELLATION_REASON = "cancellationReason";

        /**
         * Copies of the discharge and of the summary's headings that the transfer-of-care record holds (the summary as
         * recorded, the messages as built): no Camunda history (docs/decisions/0009-history-removal-time-at-start.md,
         * as decision 0006 for the referral). Who completed it and whether results are pending keep theirs.
         */
        public static final Set<String> COPIES_OF_THE_DISCHARGE = Set.of(NHS_NUMBER, PATIENT_NAME, WARD,
                DISCHARGE_DETAILS, GP_ACTIONS, DIAGNOSES, PROCEDURES, CLINICAL_SUMMARY, MEDICATIONS, ALLERGIES,
                PATIENT_INFORMATION);

        private Variables() {
        }
    }

    public static final class Resolutions {
        public static final String RESEND = "resend";
        public static final String DELIVERED_OTHERWISE = "deliveredOtherwise";

        private Resolutions() {
        }
    }

    public static final class Forms {
        public static final String COMPLETE_SUMMARY = "complete-discharge-summary";
        public static final String RESOLVE_DELIVERY = "resolve-gp-delivery";
        public static final String CHASE_SUMMARY = "chase-late-discharge-summary";

        private Forms() {
        }
    }

    public static final class Messages {
        /** Correlated by business key and {@link Variables#AWAITING_MESSAGE_ID}: the GP's positive business ack. */
        public static final String GP_ACKNOWLEDGED = "TransferOfCare.GpAcknowledged";
        /** A negative acknowledgement or a MESH error report; sets {@link Variables#DELIVERY_PROBLEM}. */
        public static final String GP_REJECTED = "TransferOfCare.GpRejected";
        /** The pending results arrived; sets {@link Variables#PENDING_MESSAGE_ID} (the addendum, built and valid). */
        public static final String RESULTS_ARRIVED = "TransferOfCare.ResultsArrived";
        public static final String DISCHARGE_CANCELLED = "TransferOfCare.DischargeCancelled";

        private Messages() {
        }
    }
}
