package org.handover.routes;

import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.jms.MessageListenerContainerFactory;
import org.springframework.jms.listener.AbstractMessageListenerContainer;

/** Makes the channel consumers' {@link BatchCommittingListenerContainer}s; bound as {@value #NAME} in Camel's registry. */
public final class BatchCommittingListenerContainers implements MessageListenerContainerFactory {

    public static final String NAME = "batchCommittingListeners";

    private final int maxBatch;

    public BatchCommittingListenerContainers(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    @Override
    public AbstractMessageListenerContainer createMessageListenerContainer(JmsEndpoint endpoint) {
        return new BatchCommittingListenerContainer(endpoint, maxBatch);
    }
}
