package org.handover.routes.sms;

import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.model.ProcessorDefinition;
import org.handover.routes.DeliveryRouteBuilder;
import org.handover.routes.delivery.Channel;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.OutboundMessage;
import uk.gov.service.notify.NotificationClientApi;
import uk.gov.service.notify.SendSmsResponse;

/**
 * SMS through GOV.UK Notify, the alternative to {@link SmsRoute} ({@code handover.sms.provider=notify}): the text goes
 * as the personalisation {@value #PERSONALISATION} of one template whose whole content is {@code ((message))}, with the
 * outbox id as Notify's {@code reference}, and Notify's notification id becomes the remote id. Delivery receipts and
 * patients' replies come back by Notify's callbacks, which the application receives; a failure is a
 * {@code NotificationClientException}, mapped to {@code HTTP_<status>} by {@code DeliveryErrors}.
 */
public final class NotifySmsRoute extends DeliveryRouteBuilder {

    public static final String ROUTE_ID = "notify-sms-delivery";
    public static final String PERSONALISATION = "message";

    private final NotificationClientApi client;
    private final String templateId;

    public NotifySmsRoute(DeliveryAttempts attempts, NotificationClientApi client, String templateId) {
        super(Channel.SMS, attempts);
        this.client = Objects.requireNonNull(client, "client");
        if (templateId == null || templateId.isBlank()) {
            throw new IllegalArgumentException("handover.notify.template-id must name the Notify template ((message))");
        }
        this.templateId = templateId.strip();
    }

    @Override
    public String routeId() {
        return ROUTE_ID;
    }

    @Override
    protected void deliver(ProcessorDefinition<?> route) {
        route.process(this::send);
    }

    private void send(Exchange exchange) throws Exception {
        OutboundMessage message = message(exchange);
        String text = message.payload() == null ? "" : message.payload();
        SendSmsResponse response = client.sendSms(templateId, message.recipient(), Map.of(PERSONALISATION, text),
                message.id());
        exchange.setProperty(REMOTE_ID, response.getNotificationId().toString());
    }
}
