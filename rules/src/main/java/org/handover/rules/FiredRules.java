package org.handover.rules;

import java.util.ArrayList;
import java.util.List;

import org.drools.ruleunits.api.conf.RuleConfig;
import org.drools.ruleunits.impl.conf.RuleConfigImpl;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Records the names of the rules that fire in one rule unit instance, in firing order, so that a decision can say
 * why it was made. Use one per instance: it is not shared between threads. An instance used for several decisions
 * {@link #clear}s it before each.
 */
public final class FiredRules extends DefaultAgendaEventListener {

    private final List<String> names = new ArrayList<>();

    /** A rule configuration that reports to this listener; pass it to {@code RuleUnit.createInstance}. */
    public RuleConfig config() {
        // RuleConfigImpl directly, not RuleUnitProvider.get().newRuleConfig(): see CompiledRuleUnits for why.
        RuleConfig config = new RuleConfigImpl();
        config.getAgendaEventListeners().add(this);
        return config;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        names.add(event.getMatch().getRule().getName());
    }

    /** Starts a new list, for a rule unit instance that is used again. */
    public void clear() {
        names.clear();
    }

    public List<String> names() {
        return List.copyOf(names);
    }
}
