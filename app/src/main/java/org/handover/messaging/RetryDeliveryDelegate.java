package org.handover.messaging;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.handover.system.CurrentUser;
import org.handover.processes.delivery.DeliveryFailedProcess;
import org.springframework.stereotype.Component;

/** "Retry" on a Delivery failed task: the message goes back to the outbox with a fresh set of attempts. */
@Component("retryDeliveryDelegate")
class RetryDeliveryDelegate implements JavaDelegate {

    private final DeliveryLedger ledger;

    RetryDeliveryDelegate(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String messageId = (String) execution.getVariable(DeliveryFailedProcess.Variables.MESSAGE_ID);
        if (!ledger.retryByHand(messageId, CurrentUser.of(execution))) {
            throw new IllegalStateException("Message " + messageId + " is no longer dead-lettered; nothing to retry");
        }
    }
}
