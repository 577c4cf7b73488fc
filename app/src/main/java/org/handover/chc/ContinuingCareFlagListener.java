package org.handover.chc;

import java.util.HashMap;
import java.util.Map;
import org.handover.domain.Masking;
import org.handover.encounter.ContinuingCareNeedFlagged;
import org.handover.quarantine.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Opens a CHC case and its Checklist when the discharge rules flag a possible need, once the flag's transaction has
 * committed (a rolled-back flag starts nothing), in a transaction of its own. The episode id makes it idempotent: a
 * repeated flag finds the open case. A flag that fails the checks is kept in quarantine with the reason.
 */
@Component
class ContinuingCareFlagListener {

    static final String QUARANTINE_SOURCE = "chc-discharge-flag";
    private static final Logger log = LoggerFactory.getLogger(ContinuingCareFlagListener.class);

    private final ChcIntake intake;
    private final ChcRequests requests;
    private final Quarantine quarantine;

    ContinuingCareFlagListener(ChcIntake intake, ChcRequests requests, Quarantine quarantine) {
        this.intake = intake;
        this.requests = requests;
        this.quarantine = quarantine;
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void flagged(ContinuingCareNeedFlagged flag) {
        Map<String, String> fields = new HashMap<>();
        fields.put("nhsNumber", flag.nhsNumber());
        fields.put("patientName", join(flag.givenName(), flag.familyName()));
        fields.put("birthDate", flag.birthDate() == null ? null : flag.birthDate().toString());
        fields.put("gpPracticeOds", flag.gpPracticeOds());
        fields.put("councilCode", flag.councilCode());
        fields.put("ward", flag.ward());
        fields.put("referrer", flag.referrer());
        fields.put("reason", flag.reason());
        try {
            if (flag.episodeId() == null || flag.episodeId().isBlank()) {
                throw new ChcRequestException(400, java.util.List.of("episodeId is required"));
            }
            ChcIntake.Opened opened = intake.open(requests.read(ChcCases.SOURCE_DISCHARGE, flag.episodeId(),
                    ChcCases.STANDARD, fields::get));
            log.info("Discharge flag for episode {} {} CHC case {}", flag.episodeId(),
                    opened.created() ? "opened" : "found open", opened.chcCase().id());
        } catch (ChcRequestException refused) {
            quarantine.keep(QUARANTINE_SOURCE, refused.getMessage(), ChcJson.of(fields) + " episode "
                    + flag.episodeId());
            log.warn("Discharge flag for episode {} refused: {}", flag.episodeId(),
                    Masking.maskNhsNumbers(refused.getMessage()));
        }
    }

    private static String join(String given, String family) {
        String name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        return name.isEmpty() ? null : name;
    }
}
