package org.handover.processes.chc;

/**
 * Contract of the NHS Continuing Healthcare Fast Track process: an appropriate clinician says the patient is rapidly
 * deteriorating and may be entering a terminal phase; the ICB accepts (due within 48 hours, no Checklist, no DST)
 * and arranges care. Business key: the CHC case id. Shares variable names, delegates and the care form with
 * {@link ChcProcess}.
 */
public final class ChcFastTrackProcess {

    public static final String KEY = "ContinuingHealthcareFastTrack";
    public static final String RESOURCE = "processes/chc-fast-track.bpmn";
    public static final int ACCEPT_WITHIN_HOURS = 48;

    private ChcFastTrackProcess() {
    }

    public static final class Elements {
        public static final String START = "StartEvent_FastTrackRequested";
        public static final String OPEN_CASE = "ServiceTask_OpenFastTrackCase";
        public static final String REFER_TO_ICB = "ServiceTask_ReferFastTrackToIcb";
        public static final String ACCEPT = "UserTask_AcceptFastTrack";
        public static final String ACCEPTANCE_OVERDUE = "BoundaryEvent_AcceptanceOverdue";
        public static final String RECORD_OVERDUE = "ServiceTask_RecordAcceptanceOverdue";
        public static final String RECORD_ACCEPTANCE = "ServiceTask_RecordFastTrackAcceptance";
        public static final String ARRANGE_CARE = "UserTask_ArrangeFastTrackCare";
        public static final String RECORD_CARE = "ServiceTask_RecordFastTrackCare";
        public static final String CARE_ARRANGED = "EndEvent_FastTrackCareArranged";

        private Elements() {
        }
    }

    public static final class Delegates {
        public static final String RECORD_ACCEPTANCE = "recordFastTrackAcceptanceDelegate";

        private Delegates() {
        }
    }

    public static final class Variables {
        /** "fast-track" for this process (the standard process leaves it unset). */
        public static final String PATHWAY = "pathway";
        public static final String CLINICIAN_NAME = "clinicianName";
        public static final String CLINICIAN_ROLE = "clinicianRole";
        /** The clinician's reasons: rapidly deteriorating, may be entering a terminal phase. */
        public static final String FAST_TRACK_REASON = "fastTrackReason";
        public static final String RAPIDLY_DETERIORATING = "rapidlyDeteriorating";
        public static final String CARE_NEEDED = "careNeeded";
        public static final String PREFERRED_PLACE = "preferredPlaceOfCare";
        /** Date: 48 hours after the ICB received the Fast Track. */
        public static final String ACCEPT_DUE_AT = "acceptDueAt";
        /** Required on the acceptance task. */
        public static final String ACCEPTED = "fastTrackAccepted";
        public static final String ACCEPTANCE_NOTE = "acceptanceNote";

        private Variables() {
        }
    }

    public static final class Pathways {
        public static final String FAST_TRACK = "fast-track";

        private Pathways() {
        }
    }

    public static final class Forms {
        public static final String START = "chc-fast-track";
        public static final String ACCEPT = "chc-fast-track-acceptance";

        private Forms() {
        }
    }
}
