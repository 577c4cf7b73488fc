package org.handover.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.InboundMessages;
import org.handover.routes.mail.MailRoute;
import org.handover.routes.mesh.MeshRoute;
import org.handover.routes.sms.SmsRoute;
import org.junit.jupiter.api.Test;

/** The routes as the application gets them: ids, queues and placeholders, before anything is replaced. */
class RouteDefinitionsTest {

    private static final DeliveryReceipts NO_RECEIPTS = new DeliveryReceipts() {
        @Override
        public void delivered(Channel channel, String remoteId, String detail) {
        }

        @Override
        public void undeliverable(Channel channel, String remoteId, String detail) {
        }
    };
    private static final InboundMessages NO_REPLIES = (from, to, text, remoteId) -> {
    };

    @Test
    void eachChannelConsumesItsOwnQueueTransactedWithItsOwnConsumersOrTheCommonNumber() throws Exception {
        Map<String, String> inputs = inputs(new MeshRoute(new RecordingAttempts()), new MailRoute(new RecordingAttempts()),
                new SmsRoute(new RecordingAttempts(), NO_RECEIPTS, NO_REPLIES));

        assertThat(inputs).containsEntry("mesh-delivery",
                "jms:queue:gp?transacted=true&lazyCreateTransactionManager=false"
                + "&messageListenerContainerFactory=#batchCommittingListeners&concurrentConsumers=4");
        assertThat(inputs).containsEntry("mail-delivery",
                "jms:queue:social-care?transacted=true&lazyCreateTransactionManager=false"
                + "&messageListenerContainerFactory=#batchCommittingListeners&concurrentConsumers=4");
        assertThat(inputs).containsEntry("sms-delivery",
                "jms:queue:sms?transacted=true&lazyCreateTransactionManager=false"
                + "&messageListenerContainerFactory=#batchCommittingListeners&concurrentConsumers=24");
        assertThat(inputs.get("smpp-inbound")).startsWith(
                "smpp://{{handover.smpp.system-id}}@{{handover.smpp.host}}:{{handover.smpp.port}}?password=RAW(");
        assertThat(inputs).containsKey("smpp-inbound-starter");
        assertThat(inputs.keySet()).allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void aChannelWithoutConsumersOrWithAWordForTheirNumberDoesNotStart() {
        assertThatThrownBy(() -> inputs(Map.of("handover.delivery.gp.concurrent-consumers", "0"),
                new MeshRoute(new RecordingAttempts())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channel gp needs at least one consumer, not 0");
        assertThatThrownBy(() -> inputs(Map.of("handover.delivery.sms.concurrent-consumers", "many"),
                new SmsRoute(new RecordingAttempts(), NO_RECEIPTS, NO_REPLIES)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("handover.delivery.sms.concurrent-consumers"
                        + " (or handover.delivery.concurrent-consumers) must be a whole number, not 'many'");
    }

    private static Map<String, String> inputs(DeliveryRouteBuilder... builders) throws Exception {
        return inputs(Map.of(), builders);
    }

    private static Map<String, String> inputs(Map<String, String> overrides, DeliveryRouteBuilder... builders)
            throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("handover.mesh.mailbox-id", "X26OT001");
        properties.setProperty("handover.mesh.password", "p");
        properties.setProperty("handover.mesh.shared-key", "k");
        properties.setProperty("handover.smpp.source-address", "HANDOVER");
        properties.setProperty("handover.smtp.host", "localhost");
        properties.setProperty("handover.smtp.port", "3025");
        properties.setProperty("handover.delivery.concurrent-consumers", "4");
        properties.setProperty("handover.delivery.sms.concurrent-consumers", "24");
        properties.putAll(overrides);
        context.getPropertiesComponent().setInitialProperties(properties);
        for (DeliveryRouteBuilder builder : builders) {
            context.addRoutes(builder);
        }
        List<RouteDefinition> routes = ((ModelCamelContext) context).getRouteDefinitions();
        Map<String, String> inputs = new TreeMap<>();
        routes.forEach(route -> inputs.put(route.getRouteId(), route.getInput().getEndpointUri()));
        return inputs;
    }
}
