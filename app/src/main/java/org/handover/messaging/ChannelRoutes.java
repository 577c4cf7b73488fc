package org.handover.messaging;

import java.time.Clock;
import org.handover.routes.BatchCommittingListenerContainers;
import org.handover.routes.deadletter.DeadLetterRoute;
import org.handover.routes.mail.MailRoute;
import org.handover.routes.mesh.MeshInbox;
import org.handover.routes.mesh.MeshInboxRoute;
import org.handover.routes.mesh.MeshRoute;
import org.handover.routes.sms.NotifySmsRoute;
import org.handover.routes.sms.SmsRoute;
import org.handover.routes.delivery.DeadLetters;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.InboundMessages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.service.notify.NotificationClient;

/**
 * The channel routes, wired to the delivery ledger; Camel's Spring Boot starter picks up every RouteBuilder bean.
 * SMS goes over SMPP unless {@code handover.sms.provider=notify} chooses GOV.UK Notify.
 */
@Configuration
class ChannelRoutes {

    /** The channel consumers' listener containers, committing a batch of envelopes at a time. */
    @Bean(BatchCommittingListenerContainers.NAME)
    BatchCommittingListenerContainers batchCommittingListeners(
            @Value("${handover.delivery.consumer-batch-size:32}") int maxBatch) {
        return new BatchCommittingListenerContainers(maxBatch);
    }

    @Bean
    MeshRoute meshRoute(DeliveryAttempts attempts, Clock clock) {
        return new MeshRoute(attempts, clock);
    }

    @Bean
    MeshInboxRoute meshInboxRoute(MeshInbox inbox, Clock clock) {
        return new MeshInboxRoute(inbox, clock);
    }

    @Bean
    MailRoute mailRoute(DeliveryAttempts attempts) {
        return new MailRoute(attempts);
    }

    @Bean
    @ConditionalOnProperty(name = "handover.sms.provider", havingValue = "smpp", matchIfMissing = true)
    SmsRoute smsRoute(DeliveryAttempts attempts, DeliveryReceipts receipts, InboundMessages inbound) {
        return new SmsRoute(attempts, receipts, inbound);
    }

    @Bean
    @ConditionalOnProperty(name = "handover.sms.provider", havingValue = "notify")
    NotifySmsRoute notifySmsRoute(DeliveryAttempts attempts, @Value("${handover.notify.api-key}") String apiKey,
            @Value("${handover.notify.base-url}") String baseUrl,
            @Value("${handover.notify.template-id}") String templateId) {
        return new NotifySmsRoute(attempts, new NotificationClient(apiKey, baseUrl), templateId);
    }

    @Bean
    DeadLetterRoute deadLetterRoute(DeadLetters deadLetters) {
        return new DeadLetterRoute(deadLetters);
    }
}
