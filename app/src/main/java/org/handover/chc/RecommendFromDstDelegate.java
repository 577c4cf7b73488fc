package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.chc.ChcProcess;
import org.handover.rules.chc.DstRating;
import org.handover.rules.chc.DstRecommendation;
import org.handover.rules.chc.DstRules;
import org.springframework.stereotype.Component;

/**
 * Records how the assessment was arranged (consent or best interests, the team, the advocate), then the DST and the
 * rules' recommendation with its reason, and stores the DST as a PDF.
 */
@Component(ChcProcess.Delegates.RECOMMEND)
class RecommendFromDstDelegate implements JavaDelegate {

    private final DstRules rules;
    private final ChcCases cases;
    private final ChcPaperwork paperwork;
    private final AuditLog audit;

    RecommendFromDstDelegate(DstRules rules, ChcCases cases, ChcPaperwork paperwork, AuditLog audit) {
        this.rules = rules;
        this.cases = cases;
        this.paperwork = paperwork;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = (String) execution.getVariable(CASE_ID);
        String actor = Actors.of(execution);
        recordArrangement(execution, caseId, actor);

        List<DstRating> ratings = ChcDomains.dst(execution);
        DstRecommendation recommendation = rules.recommend(ratings);
        execution.setVariable(RECOMMENDATION, recommendation.outcome().name());
        execution.setVariable(RECOMMENDATION_RULE, recommendation.decidingRule());
        execution.setVariable(RECOMMENDATION_REASON, recommendation.reason());
        execution.setVariable(DST_COUNTS, recommendation.countsText());

        Map<String, String> characteristics = new LinkedHashMap<>();
        characteristics.put("nature", text(execution, NATURE));
        characteristics.put("intensity", text(execution, INTENSITY));
        characteristics.put("complexity", text(execution, COMPLEXITY));
        characteristics.put("unpredictability", text(execution, UNPREDICTABILITY));
        cases.recommendation(caseId, recommendation.outcome().name(), recommendation.decidingRule());
        cases.event(caseId, "DST", actor, "Decision Support Tool completed (" + recommendation.countsText()
                + "); the rules recommend " + ChcPaperwork.words(recommendation.outcome()) + ": "
                + recommendation.reason(), ChcJson.of(ChcJson.dst(ratings, characteristics)));
        ChcCase c = cases.get(caseId);
        cases.document(caseId, "DST", "NHS Continuing Healthcare Decision Support Tool", "dst-" + caseId + ".pdf",
                paperwork.dst(c, text(execution, MDT_MEMBERS), text(execution, ASSESSMENT_DATE), ratings,
                        characteristics.get("nature"), characteristics.get("intensity"),
                        characteristics.get("complexity"), characteristics.get("unpredictability"), recommendation));
        audit.changedWith(actor, "chc-case/" + caseId, c.nhsNumber(), "CHC DST completed; rules recommend "
                + recommendation.outcome() + " by rule " + recommendation.decidingRule());
    }

    private void recordArrangement(DelegateExecution execution, String caseId, String actor) {
        String basis = text(execution, CONSENT_BASIS);
        cases.advocate(caseId, text(execution, ADVOCATE_NAME), text(execution, ADVOCATE_RELATIONSHIP),
                text(execution, ADVOCATE_EMAIL));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("consentBasis", basis);
        details.put("bestInterestsDecision", text(execution, BEST_INTERESTS_DECISION));
        details.put("assessmentDate", text(execution, ASSESSMENT_DATE));
        details.put("mdtMembers", text(execution, MDT_MEMBERS));
        details.put("advocateName", text(execution, ADVOCATE_NAME));
        cases.event(caseId, "ASSESSMENT_ARRANGED", actor, "Assessment on " + details.get("assessmentDate") + " by "
                + details.get("mdtMembers") + "; " + (ChcProcess.ConsentBases.BEST_INTERESTS.equals(basis)
                ? "best-interests decision recorded" : "patient consented"), ChcJson.of(details));
    }

    private static String text(DelegateExecution execution, String name) {
        return ChcDomains.text(execution.getVariable(name));
    }
}
