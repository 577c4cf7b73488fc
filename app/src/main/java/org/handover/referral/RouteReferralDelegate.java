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
    private final ReferralStates states;
    private final ReferralConfig.ReferralSettings settings;
    private final Clock clock;

    RouteReferralDelegate(ReferralRules rules, RoutingTable routingTable, ReferralStates states,
            ReferralConfig.ReferralSettings settings, Clock clock) {
        this.rules = rules;
        this.routingTable = routingTable;
        this.states = states;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        Integer age = (Integer) execution.getVariable(PATIENT_AGE);
        String priority = (String) execution.getVariable(PRIORITY);
        RoutingTable.Version table = routingTable.current();
        RoutingDecision decision = rules.decide(new ReferralFacts(
                (String) execution.getVariable(UBRN),
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
        String ubrn = (String) execution.getVariable(UBRN);
        Instant routedAt = states.routedForTriage(ubrn, decision.triageGroup(), newPriority, decision.reason());
        if (execution.getVariable(RoutingAtIntake.VARIABLE) instanceof RoutingAtIntake intake) {
            intake.routed(decision.triageGroup(), ReferralPriority.of(newPriority), decision.reason(), routedAt);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
