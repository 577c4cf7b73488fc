package org.handover.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.system.CurrentUser;
import org.handover.processes.delivery.DeliveryFailedProcess;
import org.springframework.stereotype.Component;

/** "Abandon" on a Delivery failed task: the ledger keeps who abandoned it and why. */
@Component("abandonDeliveryDelegate")
class AbandonDeliveryDelegate implements JavaDelegate {

    private final DeliveryLedger ledger;

    AbandonDeliveryDelegate(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String messageId = (String) execution.getVariable(DeliveryFailedProcess.Variables.MESSAGE_ID);
        String reason = (String) execution.getVariable(DeliveryFailedProcess.Variables.REASON);
        ledger.abandon(messageId, CurrentUser.of(execution), reason);
    }
}
