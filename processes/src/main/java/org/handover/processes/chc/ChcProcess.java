package org.handover.processes.chc;

import java.util.List;
import java.util.Map;

/**
 * Contract of the NHS Continuing Healthcare process (standard pathway). Business key: the CHC case id.
 *
 * <p>A Checklist is completed by the CHC coordinators (or a ward professional) and screened by the rules. Negative:
 * letters with the reasons and how to ask for a reconsideration, then the end. Positive: the referral goes to the
 * ICB CHC team, whose 28-day clock starts on receipt; the multidisciplinary assessment is arranged (consent or a
 * best-interests decision), the Decision Support Tool is completed, the rules recommend, the ICB panel ratifies or
 * changes the recommendation (reasons required when changing), decision letters go to the patient (and advocate),
 * the GP and the council, and an eligible patient gets a care package arranged.
 *
 * <p>The 28-day clock is the embedded sub-process {@link Elements#ASSESSMENT_STAGE}: non-interrupting timers on it
 * warn at day 14 and day 21 and record a breach at day 28, which opens a task to record why (the process cannot end
 * until it is recorded, so every breach has a reason). The timers end with the stage: a decision stops the clock.
 */
public final class ChcProcess {

    public static final String KEY = "ContinuingHealthcare";
    public static final String RESOURCE = "processes/chc-assessment.bpmn";
    /** Candidate group of the CHC coordinators' tasks (the ICB CHC team). */
    public static final String COORDINATORS = "chc-coordinators";
    /** Candidate group of the panel decision. */
    public static final String PANEL = "chc-panel";
    /** Days from the ICB's receipt of a positive Checklist to the decision (NHS England's quarterly measure). */
    public static final int DECISION_DAYS = 28;
    public static final int FIRST_WARNING_DAY = 14;
    public static final int SECOND_WARNING_DAY = 21;

    private ChcProcess() {
    }

    public static final class Elements {
        public static final String START = "StartEvent_ChecklistRequested";
        public static final String OPEN_CASE = "ServiceTask_OpenCase";
        public static final String CHECKLIST = "UserTask_CompleteChecklist";
        public static final String SCREEN_CHECKLIST = "ServiceTask_ScreenChecklist";
        public static final String CHECKLIST_OUTCOME = "Gateway_ChecklistOutcome";
        public static final String SEND_NEGATIVE_LETTERS = "ServiceTask_SendChecklistNegativeLetters";
        public static final String CHECKLIST_NEGATIVE = "EndEvent_ChecklistNegative";
        public static final String REFER_TO_ICB = "ServiceTask_ReferToIcb";
        /** Embedded sub-process: the 28-day clock, from the ICB's receipt to the panel's decision. */
        public static final String ASSESSMENT_STAGE = "SubProcess_Assessment";
        public static final String ARRANGE_ASSESSMENT = "UserTask_ArrangeAssessment";
        public static final String DST = "UserTask_CompleteDst";
        public static final String RECOMMEND = "ServiceTask_RecommendFromDst";
        public static final String PANEL_DECISION = "UserTask_PanelDecision";
        public static final String RECORD_DECISION = "ServiceTask_RecordDecision";
        public static final String DAY_14_WARNING = "BoundaryEvent_Day14Warning";
        public static final String WARN_DAY_14 = "ServiceTask_WarnDay14";
        public static final String DAY_21_WARNING = "BoundaryEvent_Day21Warning";
        public static final String WARN_DAY_21 = "ServiceTask_WarnDay21";
        public static final String DAY_28_BREACH = "BoundaryEvent_Day28Breach";
        public static final String RECORD_BREACH = "ServiceTask_RecordBreach";
        public static final String EXPLAIN_BREACH = "UserTask_ExplainBreach";
        public static final String RECORD_BREACH_REASON = "ServiceTask_RecordBreachReason";
        public static final String SEND_DECISION_LETTERS = "ServiceTask_SendDecisionLetters";
        public static final String ELIGIBLE_GATEWAY = "Gateway_Eligible";
        public static final String ARRANGE_CARE = "UserTask_ArrangeCarePackage";
        public static final String RECORD_CARE = "ServiceTask_RecordCarePackage";
        public static final String CARE_ARRANGED = "EndEvent_CarePackageArranged";
        public static final String NOT_ELIGIBLE = "EndEvent_NotEligible";

        private Elements() {
        }
    }

    /** Delegate bean names, as the BPMN refers to them with delegateExpression. */
    public static final class Delegates {
        public static final String OPEN_CASE = "openChcCaseDelegate";
        public static final String SCREEN_CHECKLIST = "screenChecklistDelegate";
        public static final String SEND_NEGATIVE_LETTERS = "sendChecklistNegativeLettersDelegate";
        public static final String REFER_TO_ICB = "referToIcbDelegate";
        public static final String RECOMMEND = "recommendFromDstDelegate";
        public static final String RECORD_DECISION = "recordChcDecisionDelegate";
        public static final String SEND_DECISION_LETTERS = "sendChcDecisionLettersDelegate";
        /** Warnings, breach and breach reason; which one is the local variable {@link Variables#DEADLINE_EVENT}. */
        public static final String RECORD_DEADLINE = "recordChcDeadlineDelegate";
        public static final String RECORD_CARE = "recordCarePackageDelegate";

        private Delegates() {
        }
    }

    public static final class Variables {
        // The case and the patient (start form, REST referral or discharge flag)
        public static final String CASE_ID = "caseId";
        /** Ten digits. */
        public static final String NHS_NUMBER = "nhsNumber";
        /** "943 476 5919", for people. */
        public static final String NHS_NUMBER_FORMATTED = "nhsNumberFormatted";
        public static final String PATIENT_NAME = "patientName";
        /** ISO date, e.g. 1941-03-02. */
        public static final String PATIENT_BIRTH_DATE = "patientBirthDate";
        public static final String PATIENT_EMAIL = "patientEmail";
        public static final String GP_PRACTICE_ODS = "gpPracticeOds";
        /** ONS code of the local authority. */
        public static final String COUNCIL_CODE = "councilCode";
        public static final String WARD = "ward";
        public static final String REFERRER = "referrer";
        public static final String REFERRAL_REASON = "referralReason";
        public static final String ADVOCATE_NAME = "advocateName";
        public static final String ADVOCATE_RELATIONSHIP = "advocateRelationship";
        public static final String ADVOCATE_EMAIL = "advocateEmail";

        // Checklist (form: one level and one evidence per domain, see CHECKLIST_DOMAINS)
        public static final String CHECKLIST_ASSESSOR = "checklistAssessor";
        public static final String CHECKLIST_POSITIVE = "checklistPositive";
        public static final String CHECKLIST_RULE = "checklistRule";
        public static final String CHECKLIST_COUNTS = "checklistCounts";
        public static final String CHECKLIST_REASON = "checklistReason";

        // ICB referral and the 28-day clock (Date values)
        public static final String ICB_RECEIVED_AT = "icbReceivedAt";
        public static final String FIRST_WARNING_AT = "firstWarningAt";
        public static final String SECOND_WARNING_AT = "secondWarningAt";
        public static final String DECISION_DUE_AT = "decisionDueAt";

        // Arranging the assessment
        /** One of {@link ConsentBases}. */
        public static final String CONSENT_BASIS = "consentBasis";
        /** Required when the basis is a best-interests decision: who decided, and why. */
        public static final String BEST_INTERESTS_DECISION = "bestInterestsDecision";
        /** ISO date of the multidisciplinary assessment. */
        public static final String ASSESSMENT_DATE = "assessmentDate";
        public static final String MDT_MEMBERS = "mdtMembers";

        // DST (form: one level and one evidence per domain, see DST_DOMAINS) and the four characteristics
        public static final String NATURE = "dstNature";
        public static final String INTENSITY = "dstIntensity";
        public static final String COMPLEXITY = "dstComplexity";
        public static final String UNPREDICTABILITY = "dstUnpredictability";
        /** One of {@link Recommendations}, set by the rules. */
        public static final String RECOMMENDATION = "recommendation";
        public static final String RECOMMENDATION_RULE = "recommendationRule";
        public static final String RECOMMENDATION_REASON = "recommendationReason";
        public static final String DST_COUNTS = "dstCounts";

        // Panel
        /** One of {@link PanelDecisions}. */
        public static final String PANEL_DECISION = "panelDecision";
        /** Required unless the panel ratifies an eligible or not-eligible recommendation. */
        public static final String PANEL_REASONS = "panelReasons";
        /** Set when the panel task completes: the decision (Boolean). */
        public static final String ELIGIBLE = "eligible";
        /** Set when the panel task completes: whether the panel departed from the rules (Boolean). */
        public static final String RECOMMENDATION_CHANGED = "recommendationChanged";
        /** Date of the decision; {@link #DECIDED_WITHIN_TARGET} Boolean. */
        public static final String DECIDED_AT = "decidedAt";
        public static final String DECIDED_WITHIN_TARGET = "decidedWithinTarget";

        // Deadline steps
        /** Local to each deadline step: one of {@link DeadlineEvents}. */
        public static final String DEADLINE_EVENT = "deadlineEvent";
        /** Required on the breach task (one breach per case at most). */
        public static final String BREACH_REASON = "breachReason";

        // Care package
        public static final String CARE_PACKAGE = "carePackage";
        /** ISO date the care starts. */
        public static final String CARE_START_DATE = "careStartDate";
        public static final String CARE_PROVIDER = "careProvider";

        private Variables() {
        }

        /** Level of a Checklist domain: "A", "B" or "C". */
        public static String checklistLevel(String domain) {
            return "checklist" + domain;
        }

        public static String checklistEvidence(String domain) {
            return "checklist" + domain + "Evidence";
        }

        /** Level of a DST domain: one of {@link DstLevels}, as allowed for the domain. */
        public static String dstLevel(String domain) {
            return "dst" + domain;
        }

        public static String dstEvidence(String domain) {
            return "dst" + domain + "Evidence";
        }
    }

    /** Checklist domains, as they appear in variable names (order of the national Checklist). */
    public static final List<String> CHECKLIST_DOMAINS = List.of("Breathing", "Nutrition", "Continence",
            "SkinIntegrity", "Mobility", "Communication", "PsychologicalAndEmotional", "Cognition", "Behaviour",
            "DrugTherapiesAndMedication", "AlteredStatesOfConsciousness");

    public static final List<String> CHECKLIST_LEVELS = List.of("A", "B", "C");

    /**
     * DST domains and the levels above "high" each allows in the national tool; every domain also allows
     * none, low, moderate and high. The rules module (DstDomain) is the authority; a test in the app checks both agree.
     */
    public static final Map<String, List<String>> DST_DOMAINS = orderedDst();

    private static Map<String, List<String>> orderedDst() {
        List<String> upToHigh = List.of(DstLevels.NONE, DstLevels.LOW, DstLevels.MODERATE, DstLevels.HIGH);
        List<String> upToSevere = List.of(DstLevels.NONE, DstLevels.LOW, DstLevels.MODERATE, DstLevels.HIGH,
                DstLevels.SEVERE);
        List<String> upToPriority = List.of(DstLevels.NONE, DstLevels.LOW, DstLevels.MODERATE, DstLevels.HIGH,
                DstLevels.SEVERE, DstLevels.PRIORITY);
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        map.put("Breathing", upToPriority);
        map.put("Nutrition", upToSevere);
        map.put("Continence", upToHigh);
        map.put("SkinIntegrity", upToSevere);
        map.put("Mobility", upToSevere);
        map.put("Communication", upToHigh);
        map.put("PsychologicalAndEmotional", upToHigh);
        map.put("Cognition", upToSevere);
        map.put("Behaviour", upToPriority);
        map.put("DrugTherapiesAndMedication", upToPriority);
        // The national tool has no moderate (and no severe) level for altered states of consciousness.
        map.put("AlteredStatesOfConsciousness", List.of(DstLevels.NONE, DstLevels.LOW, DstLevels.HIGH,
                DstLevels.PRIORITY));
        map.put("OtherSignificantCareNeeds", upToSevere);
        return java.util.Collections.unmodifiableMap(map);
    }

    public static final class DstLevels {
        public static final String NONE = "NONE";
        public static final String LOW = "LOW";
        public static final String MODERATE = "MODERATE";
        public static final String HIGH = "HIGH";
        public static final String SEVERE = "SEVERE";
        public static final String PRIORITY = "PRIORITY";

        private DstLevels() {
        }

        /** The levels a DST domain allows, lowest first. */
        public static List<String> allowed(String domain) {
            List<String> levels = DST_DOMAINS.get(domain);
            if (levels == null) {
                throw new IllegalArgumentException("No DST domain " + domain);
            }
            return levels;
        }
    }

    public static final class Recommendations {
        public static final String ELIGIBLE = "ELIGIBLE";
        public static final String PANEL_JUDGEMENT = "PANEL_JUDGEMENT";
        public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";

        private Recommendations() {
        }
    }

    public static final class PanelDecisions {
        /** Agree with the rules' recommendation (not possible when it asks for the panel's judgement). */
        public static final String RATIFY = "ratify";
        /** Decide eligible (a change, or the judgement asked for): reasons required. */
        public static final String ELIGIBLE = "eligible";
        /** Decide not eligible (a change, or the judgement asked for): reasons required. */
        public static final String NOT_ELIGIBLE = "not-eligible";
        public static final List<String> ALL = List.of(RATIFY, ELIGIBLE, NOT_ELIGIBLE);

        private PanelDecisions() {
        }
    }

    public static final class ConsentBases {
        public static final String CONSENT = "consent";
        public static final String BEST_INTERESTS = "best-interests";
        public static final List<String> ALL = List.of(CONSENT, BEST_INTERESTS);

        private ConsentBases() {
        }
    }

    public static final class DeadlineEvents {
        public static final String DAY_14_WARNING = "day-14-warning";
        public static final String DAY_21_WARNING = "day-21-warning";
        public static final String DAY_28_BREACH = "day-28-breach";
        public static final String BREACH_REASON = "breach-reason";
        /** Fast Track: the ICB did not accept within 48 hours. */
        public static final String FAST_TRACK_OVERDUE = "fast-track-overdue";

        private DeadlineEvents() {
        }
    }

    /** Camunda Forms (forms/src/main/resources/forms), bound with formRefBinding "deployment". */
    public static final class Forms {
        public static final String START = "chc-start-checklist";
        public static final String CHECKLIST = "chc-checklist";
        public static final String ARRANGE_ASSESSMENT = "chc-arrange-assessment";
        public static final String DST = "chc-dst";
        public static final String PANEL_DECISION = "chc-panel-decision";
        public static final String EXPLAIN_BREACH = "chc-breach-reason";
        public static final String ARRANGE_CARE = "chc-arrange-care";

        private Forms() {
        }
    }
}
