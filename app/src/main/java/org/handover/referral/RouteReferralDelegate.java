package org.handover.referral;

import static org.handover.processes.referral.ReferralProcess.Variables.*;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.processes.referral.ReferralProcess;
import org.handover.rules.referral.ReferralFacts;
import org.handover.rules.referral.ReferralRules;
import org.handover.rules.referral.RoutingDecision;
import org.springframework.stereotype.Component;

/** Routes the referral by the rules: team, service lead, priority (raised by red flags, never lowered), deadline. */
@Component(ReferralProcess.Delegates.ROUTE)
class RouteReferralDelegate implements JavaDelegate {

    private final ReferralRules rules;
    private final RoutingTable routingTable;
    private final Referrals referrals;
    private final ReferralStates states;
    private final ReferralConfig.ReferralSettings settings;
    private final Clock clock;

    RouteReferralDelegate(ReferralRules rules, RoutingTable routingTable, Referrals referrals, ReferralStates states,
            ReferralConfig.ReferralSettings settings, Clock clock) {
        this.rules = rules;
        this.routingTable = routingTable;
        this.referrals = referrals;
        this.states = states;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        String ubrn = (String) execution.getVariable(UBRN);
        RoutingAtIntake intake = RoutingAtIntake.starting(ubrn).orElse(null);
        // At intake the stored referral comes with the start; after a redirect it is read again.
        ReferralRecord referral = intake != null ? intake.stored() : referrals.findByUbrn(ubrn)
                .orElseThrow(() -> new IllegalStateException("No referral with UBRN " + ubrn));
        Integer age = referral.patientBirthDate() == null ? null : referral.patientAgeOn(today);
        String priority = (String) execution.getVariable(PRIORITY);
        RoutingTable.Version table = routingTable.current();
        RoutingDecision decision = rules.decide(new ReferralFacts(
                ubrn,
                (String) execution.getVariable(SPECIALTY_CODE),
                text(execution.getVariable(REASON)) + "\n" + text(execution.getVariable(CLINICAL_INFORMATION)),
                age == null ? 40 : age,
                ReferralVariables.rulesPriority(priority == null ? ReferralProcess.Priorities.ROUTINE : priority),
                today), table.entries(), table.redFlags());

        String newPriority = ReferralVariables.processPriority(decision.priority());
        execution.setVariable(PRIORITY, newPriority);
        execution.setVariable(TRIAGE_GROUP, decision.triageGroup());
        execution.setVariable(SERVICE_LEAD_GROUP, decision.serviceLeadGroup());
        execution.setVariable(TRIAGE_DUE_DATE, ReferralVariables.endOfWorkingDay(decision.triageDueDate(), settings.zone()));
        execution.setVariable(ROUTING_REASON, decision.reason());
        execution.setVariable(RULES_FIRED, String.join(", ", decision.rulesFired())
                + " (routing table v" + table.version() + ")");
        execution.setVariable(REFERRAL_STATE, ReferralProcess.States.AWAITING_TRIAGE);
        Instant routedAt = states.routedForTriage(ubrn, decision.triageGroup(), newPriority, decision.reason());
        if (intake != null) {
            intake.routed(decision.triageGroup(), ReferralPriority.of(newPriority), decision.reason(), routedAt);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
