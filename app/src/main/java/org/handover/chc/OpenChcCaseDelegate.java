package org.handover.chc;

import static org.handover.processes.chc.ChcProcess.Variables.*;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.audit.AuditLog;
import org.handover.processes.chc.ChcFastTrackProcess;
import org.handover.processes.chc.ChcProcess;
import org.handover.quarantine.Quarantine;
import org.springframework.stereotype.Component;

/**
 * First step of both CHC processes. A case opened by the REST referral or the discharge flag already has its id;
 * a Tasklist start form's values are checked here (a refusal rolls the start back, shows the problems in the
 * Tasklist, and keeps the input in quarantine) and the case is opened with the process's business key.
 */
@Component(ChcProcess.Delegates.OPEN_CASE)
class OpenChcCaseDelegate implements JavaDelegate {

    static final String QUARANTINE_SOURCE = "chc-start-form";

    private final ChcCases cases;
    private final ChcRequests requests;
    private final Quarantine quarantine;
    private final AuditLog audit;

    OpenChcCaseDelegate(ChcCases cases, ChcRequests requests, Quarantine quarantine, AuditLog audit) {
        this.cases = cases;
        this.requests = requests;
        this.quarantine = quarantine;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.getVariable(CASE_ID) != null) {
            return;
        }
        boolean fastTrack = ChcFastTrackProcess.Elements.OPEN_CASE.equals(execution.getCurrentActivityId());
        String actor = Actors.of(execution);
        NewChcCase request;
        try {
            request = requests.read(ChcCases.SOURCE_TASKLIST, null, fastTrack ? ChcFastTrackProcess.Pathways.FAST_TRACK
                    : ChcCases.STANDARD, name -> field(execution, name, fastTrack, actor));
        } catch (ChcRequestException refused) {
            quarantine.keep(QUARANTINE_SOURCE, refused.getMessage(), String.valueOf(execution.getVariables()));
            throw new ProcessEngineException("The CHC case cannot be opened: " + refused.getMessage());
        }
        if (fastTrack && !Boolean.TRUE.equals(execution.getVariable(ChcFastTrackProcess.Variables.RAPIDLY_DETERIORATING))) {
            throw new ProcessEngineException("Fast Track is only for a patient who is rapidly deteriorating and may be "
                    + "entering a terminal phase: confirm it on the form, or start a Checklist instead.");
        }
        ChcCase stored = cases.insert(request, fastTrack ? "FAST_TRACK_DUE" : "CHECKLIST_DUE");
        cases.event(stored.id(), "OPENED", actor, (fastTrack ? "Fast Track started in the Tasklist: "
                : "Checklist started in the Tasklist: ") + request.reason(), null);
        audit.changedWith(actor, "chc-case/" + stored.id(), stored.nhsNumber(), "CHC case opened from the Tasklist");
        execution.setProcessBusinessKey(stored.id());
        Map<String, Object> variables = ChcIntake.variables(stored);
        execution.setVariables(variables);
        if (fastTrack) {
            execution.setVariable(ChcFastTrackProcess.Variables.PATHWAY, ChcFastTrackProcess.Pathways.FAST_TRACK);
        }
    }

    private static String field(DelegateExecution execution, String name, boolean fastTrack, String actor) {
        return switch (name) {
            case "birthDate" -> text(execution.getVariable(PATIENT_BIRTH_DATE));
            case "reason" -> text(execution.getVariable(fastTrack ? ChcFastTrackProcess.Variables.FAST_TRACK_REASON
                    : REFERRAL_REASON));
            case "referrer" -> fastTrack
                    ? join(text(execution.getVariable(ChcFastTrackProcess.Variables.CLINICIAN_NAME)),
                            text(execution.getVariable(ChcFastTrackProcess.Variables.CLINICIAN_ROLE)))
                    : actor;
            default -> text(execution.getVariable(name));
        };
    }

    private static String join(String name, String role) {
        return name == null ? null : role == null ? name : name + ", " + role;
    }

    private static String text(Object value) {
        return ChcDomains.text(value);
    }
}
