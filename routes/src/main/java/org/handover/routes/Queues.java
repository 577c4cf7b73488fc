package org.handover.routes;

import org.handover.routes.delivery.Channel;

/** The Artemis queues the channel routes read and write, and their Camel URIs. */
public final class Queues {

    /** Envelopes whose attempts the ledger gave up on; the application opens a human task for each. */
    public static final String DEAD_LETTER = "dead-letter";
    /**
     * Text messages on a channel queue that are not an {@code OutboundMessage} envelope. Nothing consumes it: it
     * keeps them for a person to look at, instead of the broker dropping them after its own redeliveries.
     */
    public static final String UNREADABLE = "unreadable";

    private Queues() {
    }

    /**
     * The transacted consumer of a channel's queue with that many consumer threads: local JMS transactions (no
     * transaction manager), committed once per batch of envelopes by {@link BatchCommittingListenerContainer}.
     */
    public static String consumerUri(Channel channel, int concurrentConsumers) {
        if (concurrentConsumers < 1) {
            throw new IllegalArgumentException("channel " + channel.id() + " needs at least one consumer, not "
                    + concurrentConsumers);
        }
        return "jms:queue:" + channel.queue()
                + "?transacted=true&lazyCreateTransactionManager=false"
                + "&messageListenerContainerFactory=#" + BatchCommittingListenerContainers.NAME
                + "&concurrentConsumers=" + concurrentConsumers;
    }

    public static String producerUri(String queue) {
        return "jms:queue:" + queue;
    }
}
