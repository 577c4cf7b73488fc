package org.handover.messaging;

import java.time.Clock;
import org.handover.routes.deadletter.DeadLetterRoute;
import org.handover.routes.mail.MailRoute;
import org.handover.routes.mesh.MeshInbox;
import org.handover.routes.mesh.MeshInboxRoute;
import org.handover.routes.mesh.MeshRoute;
import org.handover.routes.sms.SmsRoute;
import org.handover.routes.delivery.DeadLetters;
import org.handover.routes.delivery.DeliveryAttempts;
import org.handover.routes.delivery.DeliveryReceipts;
import org.handover.routes.delivery.InboundMessages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The channel routes, wired to the delivery ledger; Camel's Spring Boot starter picks up every RouteBuilder bean. */
@Configuration
class ChannelRoutes {

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
    SmsRoute smsRoute(DeliveryAttempts attempts, DeliveryReceipts receipts, InboundMessages inbound) {
        return new SmsRoute(attempts, receipts, inbound);
    }

    @Bean
    DeadLetterRoute deadLetterRoute(DeadLetters deadLetters) {
        return new DeadLetterRoute(deadLetters);
    }
}
