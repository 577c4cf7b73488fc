package org.handover.routes.deadletter;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.handover.routes.delivery.DeadLetters;
import org.handover.routes.delivery.OutboundMessage;

/**
 * Turns every message on the dead-letter queue into a "Delivery failed" task. If opening the task fails, the JMS
 * transaction rolls back and the broker redelivers, so a dead letter is never dropped.
 */
public class DeadLetterRoute extends RouteBuilder {

    public static final String QUEUE = "dead-letter";

    private final DeadLetters deadLetters;

    public DeadLetterRoute(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure() {
        from("jms:queue:" + QUEUE + "?transacted=true")
                .routeId("dead-letter-tasks")
                .unmarshal().json(JsonLibrary.Jackson, OutboundMessage.class)
                .process(exchange -> deadLetters.deadLettered(exchange.getMessage().getBody(OutboundMessage.class)))
                .log(LoggingLevel.INFO, "Delivery failed task opened for message ${header.JMSCorrelationID}");
    }
}
