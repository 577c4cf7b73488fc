package org.handover.chc;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.handover.domain.Masking;
import org.handover.domain.NhsNumber;
import org.handover.processes.chc.ChcFastTrackProcess;
import org.handover.processes.chc.ChcProcess;
import org.handover.processes.chc.ChcProcess.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a CHC case and starts its process in one transaction, once per source reference: asked again for the same
 * episode or referral id, it answers with the case already open.
 */
@Service
class ChcIntake {

    private static final Logger log = LoggerFactory.getLogger(ChcIntake.class);

    /** The case, and whether this call opened it. */
    record Opened(ChcCase chcCase, boolean created) {
    }

    private final ChcCases cases;
    private final RuntimeService runtime;

    ChcIntake(ChcCases cases, RuntimeService runtime) {
        this.cases = cases;
        this.runtime = runtime;
    }

    @Transactional
    Opened open(NewChcCase request) {
        if (request.sourceRef() != null) {
            var existing = cases.findBySource(request.source(), request.sourceRef());
            if (existing.isPresent()) {
                return new Opened(existing.get(), false);
            }
        }
        ChcCase stored = cases.insert(request, "CHECKLIST_DUE");
        cases.event(stored.id(), "OPENED", request.referrer(), "CHC case opened from " + request.source() + ": "
                + request.reason(), null);
        boolean fastTrack = ChcFastTrackProcess.Pathways.FAST_TRACK.equals(request.pathway());
        runtime.startProcessInstanceByKey(fastTrack ? ChcFastTrackProcess.KEY : ChcProcess.KEY, stored.id(),
                variables(stored));
        log.info("CHC case {} opened from {} for NHS number {}", stored.id(), request.source(),
                Masking.maskTail(stored.nhsNumber()));
        return new Opened(stored, true);
    }

    static Map<String, Object> variables(ChcCase c) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.CASE_ID, c.id());
        variables.put(Variables.NHS_NUMBER, c.nhsNumber());
        variables.put(Variables.NHS_NUMBER_FORMATTED, NhsNumber.of(c.nhsNumber()).formatted());
        variables.put(Variables.PATIENT_NAME, c.patientName());
        variables.put(Variables.PATIENT_BIRTH_DATE, c.birthDate() == null ? null : c.birthDate().toString());
        variables.put(Variables.PATIENT_EMAIL, c.patientEmail());
        variables.put(Variables.GP_PRACTICE_ODS, c.gpPracticeOds());
        variables.put(Variables.COUNCIL_CODE, c.councilCode());
        variables.put(Variables.WARD, c.ward());
        variables.put(Variables.REFERRER, c.referrer());
        variables.put(Variables.REFERRAL_REASON, c.reason());
        variables.put(Variables.ADVOCATE_NAME, c.advocateName());
        variables.put(Variables.ADVOCATE_RELATIONSHIP, c.advocateRelationship());
        variables.put(Variables.ADVOCATE_EMAIL, c.advocateEmail());
        return variables;
    }
}
