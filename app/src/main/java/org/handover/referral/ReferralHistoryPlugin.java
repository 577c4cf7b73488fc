package org.handover.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.handover.processes.history.AuditWithoutCopies;
import org.handover.processes.referral.ReferralProcess;
import org.handover.tasklist.FindableTasks;
import org.springframework.stereotype.Component;

/**
 * Makes the history level {@value AuditWithoutCopies#NAME} available (application.yaml chooses it): audit without
 * history of the referral process's copies of the referral record, nor of the findable-task copies of those on its
 * tasks (docs/decisions/0006-referral-intake-at-200-per-second.md).
 */
@Component
class ReferralHistoryPlugin extends AbstractProcessEnginePlugin {

    static final Set<String> COPIES = Stream.concat(ReferralProcess.Variables.COPIES_OF_THE_REFERRAL.stream(),
            Stream.of(FindableTasks.NHS_NUMBER, FindableTasks.UBRN,
                    FindableTasks.PATIENT_NAME, FindableTasks.WARD_OR_SPECIALTY, FindableTasks.PRIORITY))
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = new ArrayList<>();
        if (configuration.getCustomHistoryLevels() != null) {
            levels.addAll(configuration.getCustomHistoryLevels());
        }
        levels.add(new AuditWithoutCopies(Map.of(ReferralProcess.KEY, COPIES)));
        configuration.setCustomHistoryLevels(levels);
    }
}
