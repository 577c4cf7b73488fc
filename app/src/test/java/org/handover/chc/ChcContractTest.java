package org.handover.chc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.handover.processes.chc.ChcProcess;
import org.handover.rules.chc.ChecklistDomain;
import org.handover.rules.chc.DstDomain;
import org.handover.rules.chc.DstLevel;
import org.junit.jupiter.api.Test;

/** The process contract (forms, listeners) and the rules agree on the domains and the levels each DST domain has. */
class ChcContractTest {

    @Test
    void checklistDomainsAreTheRulesDomainsInOrder() {
        assertThat(ChcProcess.CHECKLIST_DOMAINS).containsExactlyElementsOf(
                Arrays.stream(ChecklistDomain.values()).map(ChcDomains::key).toList());
    }

    @Test
    void dstDomainsAndTheirLevelsAreTheRulesOnes() {
        assertThat(ChcProcess.DST_DOMAINS.keySet()).containsExactlyElementsOf(
                Arrays.stream(DstDomain.values()).map(ChcDomains::key).toList());
        for (DstDomain domain : DstDomain.values()) {
            assertThat(ChcProcess.DstLevels.allowed(ChcDomains.key(domain))).as(domain.title())
                    .containsExactlyElementsOf(domain.allowedLevels().stream().map(DstLevel::name).toList());
        }
    }
}
