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
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.handover.processes.referral.ReferralProcess;
import org.handover.processes.transfer.TransferOfCareProcess;
import org.handover.tasklist.FindableTasks;
import org.springframework.stereotype.Component;

/**
 * Makes the history level {@value AuditWithoutCopies#NAME} available (application.yaml chooses it): audit without
 * history of the referral process's copies of the referral record (decision 0006), of the transfer-of-care and
 * Discharge to Assess processes' copies of the discharge and the summary (decision 0009), nor of the findable-task
 * copies of those on their tasks, and activity history for user tasks only (decision 0011), except in the cluster's
 * timer probe, whose firings ops/cluster/two-nodes.sh and the faults check count in {@code ACT_HI_ACTINST}
 * (docs/decisions/).
 */
@Component
class HistoryWithoutCopiesPlugin extends AbstractProcessEnginePlugin {

    static final Set<String> COPIES = withFindableTaskCopies(ReferralProcess.Variables.COPIES_OF_THE_REFERRAL);
    static final Set<String> TRANSFER_COPIES = withFindableTaskCopies(
            TransferOfCareProcess.Variables.COPIES_OF_THE_DISCHARGE);
    /** ops/cluster/timer-probe.bpmn, deployed by the cluster and fault scripts only. */
    static final String CLUSTER_TIMER_PROBE = "ClusterTimerProbe";
    static final Set<String> DISCHARGE_TO_ASSESS_COPIES = withFindableTaskCopies(
            DischargeToAssessProcess.Variables.COPIES_OF_THE_DISCHARGE);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = new ArrayList<>();
        if (configuration.getCustomHistoryLevels() != null) {
            levels.addAll(configuration.getCustomHistoryLevels());
        }
        levels.add(new AuditWithoutCopies(Map.of(ReferralProcess.KEY, COPIES,
                TransferOfCareProcess.KEY, TRANSFER_COPIES, DischargeToAssessProcess.KEY, DISCHARGE_TO_ASSESS_COPIES),
                Set.of(CLUSTER_TIMER_PROBE)));
        configuration.setCustomHistoryLevels(levels);
    }

    private static Set<String> withFindableTaskCopies(Set<String> copies) {
        return Stream.concat(copies.stream(), Stream.of(FindableTasks.NHS_NUMBER, FindableTasks.UBRN,
                FindableTasks.PATIENT_NAME, FindableTasks.WARD_OR_SPECIALTY, FindableTasks.PRIORITY))
                .collect(Collectors.toUnmodifiableSet());
    }
}
