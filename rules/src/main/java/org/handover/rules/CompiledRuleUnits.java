package org.handover.rules;

import java.util.ServiceLoader;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Finds the rule units that kie-maven-plugin compiled at build time.
 *
 * <p>We do not ask {@code RuleUnitProvider.get().getRuleUnit(..)}: when it cannot see a generated unit (it looks
 * with the context class loader of whichever thread first touched it) it quietly parses and compiles the DRL at run
 * time, about 2.5 s here, into a map that is not thread-safe. Here a missing unit is a build mistake and fails at
 * start.
 */
public final class CompiledRuleUnits {

    private CompiledRuleUnits() {
    }

    /**
     * Returns the generated unit for {@code dataClass}. Call once and keep the result: the first call for a unit
     * builds its rule base from the generated executable model (no DRL parsing, no Java compilation).
     *
     * @throws IllegalStateException if no unit was generated for {@code dataClass} at build time
     */
    public static <T extends RuleUnitData> RuleUnit<T> load(Class<T> dataClass) {
        // The Drools code generator names the unit class after its data class.
        String generatedName = dataClass.getName() + "RuleUnit";
        return ServiceLoader.load(RuleUnit.class, dataClass.getClassLoader()).stream()
                .filter(provider -> provider.type().getName().equals(generatedName))
                .findFirst()
                .map(provider -> CompiledRuleUnits.<T>cast(provider.get()))
                .orElseThrow(() -> new IllegalStateException("No rule unit was compiled at build time for "
                        + dataClass.getName() + ": is there a DRL with 'unit " + dataClass.getSimpleName()
                        + ";' in the same package, and does the module run kie-maven-plugin?"));
    }

    @SuppressWarnings("unchecked")
    private static <T extends RuleUnitData> RuleUnit<T> cast(RuleUnit<?> unit) {
        return (RuleUnit<T>) unit;
    }
}
