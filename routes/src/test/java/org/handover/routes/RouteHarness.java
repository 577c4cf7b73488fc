package org.handover.routes;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockComponent;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A plain Camel context around one channel's route builder: the channel queue replaced by {@code direct:}, so that a
 * send runs the route in the caller's thread and a failure the JMS transaction would roll back comes back to the
 * caller; every other {@code jms:} endpoint is a mock.
 */
public final class RouteHarness implements AutoCloseable {

    private final CamelContext context;
    private final ProducerTemplate producer;
    private final String input;

    private RouteHarness(CamelContext context, String input) {
        this.context = context;
        this.producer = context.createProducerTemplate();
        this.input = input;
    }

    public static RouteHarness start(DeliveryRouteBuilder builder, Properties properties) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        context.addComponent("jms", new MockComponent());
        context.addRoutes(builder);
        String input = "direct:" + builder.routeId();
        AdviceWith.adviceWith(context, builder.routeId(), advice -> advice.replaceFromWith(input));
        context.start();
        return new RouteHarness(context, input);
    }

    /** Puts a text on the channel queue as the outbox relay would, and returns the finished exchange. */
    public Exchange offer(String text) {
        return producer.send(input, exchange -> exchange.getIn().setBody(text));
    }

    /** The same, with headers on the message as a JMS message carries its properties. */
    public Exchange offer(String text, Map<String, Object> headers) {
        return producer.send(input, exchange -> {
            exchange.getIn().setBody(text);
            exchange.getIn().getHeaders().putAll(headers);
        });
    }

    /** What the route published to an Artemis queue. */
    public MockEndpoint queue(String name) {
        return context.getEndpoint(Queues.producerUri(name), MockEndpoint.class);
    }

    public CamelContext context() {
        return context;
    }

    @Override
    public void close() {
        context.stop();
    }
}
