package org.handover.referral;

import static org.handover.processes.referral.ReferralProcess.Variables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.handover.processes.referral.ReferralProcess;
import org.handover.rules.referral.WorkingDays;
import org.handover.system.ProcessStarts;
import org.springframework.stereotype.Component;

/** The referral workflow as a Camunda process: started in the intake's transaction, so routing happens before 201. */
@Component
class CamundaReferralWorkflow implements ReferralWorkflow {

    private final RuntimeService runtimeService;
    private final ProcessStarts starts;
    private final WorkingDays workingDays;
    private final ReferralConfig.ReferralSettings settings;
    private final Clock clock;

    CamundaReferralWorkflow(ProcessEngine engine, ProcessStarts starts, WorkingDays workingDays,
            ReferralConfig.ReferralSettings settings, Clock clock) {
        this.runtimeService = engine.getRuntimeService();
        this.starts = starts;
        this.workingDays = workingDays;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The intake endpoint's role check is the gate for starting a referral: Camunda's own start authorization check
     * is skipped, and the caller stays the process's start user (docs/decisions/0006-referral-intake-at-200-per-second.md).
     */
    @Override
    public Optional<ReferralRecord> start(ReferralRecord referral) {
        Map<String, Object> variables = ReferralVariables.atStart(referral, LocalDate.now(clock.withZone(settings.zone())));
        return RoutingAtIntake.whileStarting(referral,
                () -> starts.start(ReferralProcess.KEY, referral.ubrn(), variables));
    }

    @Override
    public void furtherInformationReceived(ReferralRecord referral) {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        Map<String, Object> variables = new HashMap<>();
        variables.put(FURTHER_INFORMATION, referral.clinicalInformation());
        variables.put(CLINICAL_INFORMATION, referral.clinicalInformation());
        variables.put(REFERRAL_DETAILS, ReferralVariables.details(referral, today));
        variables.put(REFERRAL_STATE, ReferralProcess.States.AWAITING_TRIAGE);
        int days = switch (referral.priority()) {
            case TWO_WEEK_WAIT -> settings.twoWeekWaitTriageDays();
            case URGENT -> settings.urgentTriageDays();
            case ROUTINE -> settings.routineTriageDays();
        };
        variables.put(TRIAGE_DUE_DATE, ReferralVariables.endOfWorkingDay(workingDays.addWorkingDays(today, days),
                settings.zone()));
        runtimeService.createMessageCorrelation(ReferralProcess.Messages.FURTHER_INFORMATION_RECEIVED)
                .processInstanceBusinessKey(referral.ubrn())
                .setVariables(variables)
                .correlate();
    }
}
