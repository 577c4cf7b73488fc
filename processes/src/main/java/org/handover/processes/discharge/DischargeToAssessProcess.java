package org.handover.processes.discharge;

import java.util.Set;

/**
 * Contract of the Discharge to Assess process: when a patient is discharged, the rules propose a pathway (0-3) and the
 * council; a discharge coordinator confirms or changes the pathway (with a reason) and picks the council when the
 * postcode did not settle it; for pathways 1-3 the council's social care team is notified over its channel and
 * acknowledges in Tasklist, escalated to the discharge leads when late. A cancelled discharge withdraws everything
 * and tells a council that was already notified. Business key: the hospital episode id.
 *
 * <p>No step is {@code asyncBefore}: every delegate only writes rows (state, outbox, audit) in the process
 * transaction, so a failing step rolls back the coordinator's action and shows in Tasklist. Timers are jobs anyway.
 */
public final class DischargeToAssessProcess {

    public static final String KEY = "DischargeToAssess";
    public static final String RESOURCE = "processes/discharge-to-assess.bpmn";
    /** Candidate group of the confirm task. */
    public static final String COORDINATORS_GROUP = "discharge-coordinators";

    private DischargeToAssessProcess() {
    }

    public static final class Elements {
        public static final String START = "StartEvent_PatientDischarged";
        public static final String PROPOSE = "ServiceTask_ProposePathway";
        public static final String CONFIRM = "UserTask_ConfirmPathway";
        public static final String RECORD = "ServiceTask_RecordPathway";
        public static final String SOCIAL_CARE_NEEDED = "Gateway_SocialCareNeeded";
        public static final String NO_NEW_SUPPORT = "EndEvent_HomeWithoutNewSupport";
        public static final String NOTIFY = "ServiceTask_NotifyCouncil";
        /** Embedded sub-process: the acknowledgement, its timer and the escalation; ends (terminate) on acknowledgement. */
        public static final String ACKNOWLEDGEMENT_STAGE = "SubProcess_AwaitAcknowledgement";
        public static final String ACKNOWLEDGE = "UserTask_AcknowledgeNotification";
        /** Non-interrupting timer on the acknowledgement at ${acknowledgeDueDate}. */
        public static final String ACKNOWLEDGEMENT_OVERDUE = "BoundaryEvent_AcknowledgementOverdue";
        public static final String ESCALATE = "UserTask_EscalateUnacknowledged";
        public static final String RECORD_ACKNOWLEDGEMENT = "ServiceTask_RecordAcknowledgement";
        public static final String ACKNOWLEDGED = "EndEvent_NotificationAcknowledged";
        /** Interrupting event sub-process started by {@link Messages#DISCHARGE_CANCELLED}. */
        public static final String CANCELLATION = "SubProcess_DischargeCancelled";
        public static final String CANCELLED = "StartEvent_DischargeCancelled";
        public static final String WITHDRAW = "ServiceTask_WithdrawNotification";
        public static final String WITHDRAWN = "EndEvent_Withdrawn";

        private Elements() {
        }
    }

    /** Delegate bean names, as the BPMN refers to them with delegateExpression. */
    public static final class Delegates {
        public static final String PROPOSE = "proposePathwayDelegate";
        public static final String RECORD = "recordPathwayDelegate";
        public static final String NOTIFY = "notifyCouncilDelegate";
        public static final String RECORD_ACKNOWLEDGEMENT = "recordAcknowledgementDelegate";
        public static final String WITHDRAW = "withdrawNotificationDelegate";

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
         * What only the hospital's confirm form shows, in Markdown: the patient (NHS number as 3-3-4, birth date), the
         * stay and what the ward recorded, one line per fact ("not recorded" for unknowns). The council's forms show
         * {@link #NOTICE_SUMMARY}, what its sharing agreement allows.
         */
        public static final String DISCHARGE_DETAILS = "dischargeDetails";

        // Set by the rules
        /** One of {@link Pathways}, or {@link Pathways#NEEDS_REVIEW}. */
        public static final String PROPOSED_PATHWAY = "proposedPathway";
        public static final String PATHWAY_REASON = "pathwayReason";
        public static final String RULES_FIRED = "rulesFired";
        /** Council code from the postcode table; absent when unknown (the coordinator picks it). */
        public static final String COUNCIL_CODE = "councilCode";
        public static final String COUNCIL_KNOWN = "councilKnown";
        public static final String COUNCIL_REASON = "councilReason";
        public static final String POSSIBLE_CHC_NEED = "possibleChcNeed";
        public static final String CHC_REASON = "chcReason";

        // Filled in on the confirm form
        /** One of {@link Pathways} (not {@link Pathways#NEEDS_REVIEW}). Pre-filled with the proposal. */
        public static final String PATHWAY = "pathway";
        /** Required when {@link #PATHWAY} differs from {@link #PROPOSED_PATHWAY}. */
        public static final String PATHWAY_CHANGE_REASON = "pathwayChangeReason";

        // Set when the pathway is recorded and the council notified
        public static final String COUNCIL_NAME = "councilName";
        public static final String SOCIAL_CARE_GROUP = "socialCareGroup";
        public static final String ESCALATION_GROUP = "escalationGroup";
        public static final String ACKNOWLEDGE_DUE_DATE = "acknowledgeDueDate";
        public static final String COUNCIL_NOTIFIED = "councilNotified";
        public static final String NOTICE_SUMMARY = "noticeSummary";

        // Filled in on the acknowledge form
        /** Optional: the council's own case reference. */
        public static final String COUNCIL_REFERENCE = "councilReference";
        public static final String ACKNOWLEDGEMENT_NOTE = "acknowledgementNote";

        // Escalation
        /** Required: what the lead did about the late acknowledgement. Local to the escalation task. */
        public static final String ACTION_TAKEN = "actionTaken";

        // Cancellation
        public static final String CANCELLATION_REASON = "cancellationReason";

        /**
         * Copies of the discharge that the Discharge to Assess record holds (the forms show them): no Camunda history
         * (docs/decisions/0009-history-removal-time-at-start.md, as decision 0006 for the referral).
         */
        public static final Set<String> COPIES_OF_THE_DISCHARGE = Set.of(NHS_NUMBER, PATIENT_NAME, WARD,
                DISCHARGE_DETAILS);

        private Variables() {
        }
    }

    /** Values of {@link Variables#PATHWAY} and {@link Variables#PROPOSED_PATHWAY}. */
    public static final class Pathways {
        public static final String HOME_NO_NEW_SUPPORT = "0";
        public static final String HOME_WITH_SUPPORT = "1";
        public static final String BED_BASED_REHABILITATION = "2";
        public static final String CARE_HOME = "3";
        /** Proposed only: the facts did not settle it. */
        public static final String NEEDS_REVIEW = "review";

        private Pathways() {
        }
    }

    /** Camunda Forms (forms/src/main/resources/forms), bound with formRefBinding "deployment". */
    public static final class Forms {
        public static final String CONFIRM = "confirm-discharge-pathway";
        public static final String ACKNOWLEDGE = "acknowledge-discharge-notification";
        public static final String ESCALATE = "escalate-discharge-notification";

        private Forms() {
        }
    }

    public static final class Messages {
        /** The discharge was cancelled; correlated by business key, sets {@link Variables#CANCELLATION_REASON}. */
        public static final String DISCHARGE_CANCELLED = "DischargeCancelled";

        private Messages() {
        }
    }
}
