package org.handover.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.drools.ruleunits.api.RuleUnit;
import org.drools.ruleunits.api.RuleUnitData;
import org.handover.rules.delivery.DeliveryRetryUnit;
import org.handover.rules.referral.ReferralRoutingUnit;
import org.junit.jupiter.api.Test;

class CompiledRuleUnitsTest {

    @Test
    void deliveryRetryUnitWasGeneratedAtBuildTime() throws IOException {
        RuleUnit<DeliveryRetryUnit> unit = CompiledRuleUnits.load(DeliveryRetryUnit.class);

        assertThat(unit.getClass().getName()).isEqualTo("org.handover.rules.delivery.DeliveryRetryUnitRuleUnit");
        // Loaded from the module's own classes, not defined at run time by a Drools class loader.
        assertThat(unit.getClass().getClassLoader()).isSameAs(DeliveryRetryUnit.class.getClassLoader());
        assertThat(DeliveryRetryUnit.class.getResource("DeliveryRetryUnitRuleUnit.class")).isNotNull();
        try (InputStream services = getClass().getResourceAsStream(
                "/META-INF/services/org.drools.ruleunits.api.RuleUnit")) {
            assertThat(services).isNotNull();
            assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("org.handover.rules.delivery.DeliveryRetryUnitRuleUnit");
        }
    }

    @Test
    void referralRoutingUnitWasGeneratedAtBuildTime() throws IOException {
        RuleUnit<ReferralRoutingUnit> unit = CompiledRuleUnits.load(ReferralRoutingUnit.class);

        assertThat(unit.getClass().getName())
                .isEqualTo("org.handover.rules.referral.ReferralRoutingUnitRuleUnit");
        assertThat(unit.getClass().getClassLoader()).isSameAs(ReferralRoutingUnit.class.getClassLoader());
        assertThat(ReferralRoutingUnit.class.getResource("ReferralRoutingUnitRuleUnit.class")).isNotNull();
        assertThat(ReferralRoutingUnit.class.getResource("ReferralRoutingUnitQueryDecision.class")).isNotNull();
        try (InputStream services = getClass().getResourceAsStream(
                "/META-INF/services/org.drools.ruleunits.api.RuleUnit")) {
            assertThat(services).isNotNull();
            assertThat(new String(services.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("org.handover.rules.referral.ReferralRoutingUnitRuleUnit");
        }
    }

    @Test
    void unitWithoutCompiledRulesFailsAtOnce() {
        assertThatIllegalStateException()
                .isThrownBy(() -> CompiledRuleUnits.load(UnitWithoutRules.class))
                .withMessageContaining("UnitWithoutRules");
    }

    public static class UnitWithoutRules implements RuleUnitData {
    }
}
