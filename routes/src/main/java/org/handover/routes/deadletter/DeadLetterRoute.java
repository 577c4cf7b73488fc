package org.handover.routes.deadletter;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.handover.routes.Envelopes;
import org.handover.routes.Queues;
import org.handover.routes.delivery.DeadLetters;

/**
 * Turns every message on the dead-letter queue into a "Delivery failed" task. If opening the task fails, the JMS
 * transaction rolls back and the broker redelivers, so a dead letter is never dropped.
 */
public class DeadLetterRoute extends RouteBuilder {

    private final DeadLetters deadLetters;

    public DeadLetterRoute(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure() {
        from("jms:queue:" + Queues.DEAD_LETTER + "?transacted=true")
                .routeId("dead-letter-tasks")
                .process(exchange -> deadLetters.deadLettered(Envelopes.read(exchange.getMessage().getBody(String.class))))
                .log(LoggingLevel.INFO, "Delivery failed task opened for message ${header.JMSCorrelationID}");
    }
}
