package org.handover.sandbox;

import java.time.Clock;
import org.handover.sandbox.SmppText.DefaultAlphabet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulators, built from the sandbox settings. Each simulator class has one constructor taking plain values,
 * which the tests call directly; this is the only place that reads {@link SandboxProperties} for them.
 */
@SandboxOnly
@Configuration
class SandboxSimulators {

    @Bean
    Faults faults(SandboxProperties properties, Clock clock) {
        return new Faults(properties.sandbox().hangTime(), clock);
    }

    @Bean
    MeshMailboxes meshMailboxes(SandboxProperties properties) {
        return new MeshMailboxes(properties.mesh().mailboxId());
    }

    @Bean
    MeshAuthenticator meshAuthenticator(SandboxProperties properties, MeshMailboxes mailboxes, Clock clock) {
        return new MeshAuthenticator(properties.mesh().sharedKey(), properties.mesh().password(),
                properties.sandbox().meshTokenMaxSkew(), mailboxes, clock);
    }

    @Bean
    MeshPostOffice meshPostOffice(MeshStore store, MeshMailboxes mailboxes, Clock clock) {
        return new MeshPostOffice(store, mailboxes, clock);
    }

    @Bean
    GpItkResponder gpItkResponder(MeshPostOffice postOffice, MeshStore store, MeshMailboxes mailboxes, Clock clock) {
        return new GpItkResponder(postOffice, store, mailboxes, clock);
    }

    @Bean
    MessageCentre messageCentre(SandboxProperties properties, SmsStore store, Faults faults, Clock clock) {
        return new MessageCentre(properties.sandbox().bindAddress(), properties.smpp().port(),
                properties.smpp().systemId(), properties.smpp().password(), properties.smpp().sourceAddress(),
                DefaultAlphabet.of(properties.sandbox().smscDefaultAlphabet()), properties.sandbox().receiptDelay(),
                properties.sandbox().redeliveryInterval(), store, faults, clock);
    }

    @Bean
    NotifySimulator notifySimulator(SandboxProperties properties, SmsStore store, Faults faults, Clock clock,
            @Value("${server.port:8080}") int port) {
        return new NotifySimulator(properties.govNotify().apiKey(), properties.govNotify().templateId(),
                properties.smpp().sourceAddress(), properties.sandbox().notifyRequestsPerMinute(),
                "http://127.0.0.1:" + port, properties.govNotify().callbackToken(), properties.sandbox().receiptDelay(),
                properties.sandbox().redeliveryInterval(), store, faults, clock);
    }

    @Bean
    CouncilMailServer councilMailServer(SandboxProperties properties, CouncilMailStore store, Faults faults,
            Clock clock) {
        return new CouncilMailServer(properties.sandbox().bindAddress(), properties.smtp().port(),
                properties.smtp().username(), properties.smtp().password(), store, faults, clock);
    }
}
