package org.handover.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;

/**
 * The part every discharge workflow shares when a discharge is cancelled: a running process of the episode is told
 * (its cancellation message, with the reason), as the system. A process that has ended is left to its module.
 */
public final class DischargeCancellations {

    private DischargeCancellations() {
    }

    /** @return true when a running process of the episode was told; false when none runs */
    public static boolean tellRunningProcess(RuntimeService runtimeService, IdentityService identityService,
            String processKey, String messageName, String episodeId, String reasonVariable, String reason) {
        boolean running = runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(episodeId).count() > 0;
        if (running) {
            AsSystem.call(identityService, () -> runtimeService.createMessageCorrelation(messageName)
                    .processInstanceBusinessKey(episodeId)
                    .setVariable(reasonVariable, reason)
                    .correlateWithResult());
        }
        return running;
    }
}
