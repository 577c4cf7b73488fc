package org.handover.system;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker keeps everything under the data folder (journal, paging, bindings, large messages),
 * detects duplicate sends by id, and never drops a message it cannot deliver: Handover handles retries itself.
 */
@Configuration
@ConditionalOnProperty(prefix = "spring.artemis.embedded", name = "enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedBrokerConfig {

    @Bean
    ArtemisConfigurationCustomizer handoverBrokerSettings(
            @Value("${spring.artemis.embedded.data-directory:./data/artemis}") String dataDirectory,
            @Value("${handover.broker.netty-port:0}") int nettyPort,
            @Value("${handover.broker.max-disk-usage:-1}") int maxDiskUsage) {
        return configuration -> {
            Path root = Path.of(dataDirectory).toAbsolutePath();
            configuration.setJournalDirectory(root.resolve("journal").toString());
            configuration.setPagingDirectory(root.resolve("paging").toString());
            configuration.setBindingsDirectory(root.resolve("bindings").toString());
            configuration.setLargeMessagesDirectory(root.resolve("large-messages").toString());
            configuration.setIDCacheSize(100_000);
            configuration.setPersistIDCache(true);
            configuration.setSecurityEnabled(false);
            // Above this share of the disk in use the broker blocks every producer: the outbox keeps what it cannot
            // queue, so nothing is lost, but nothing is delivered either until space is freed. Unset, Artemis's own
            // default (90) or its brokerconfig.maxDiskUsage system property (the tests') holds.
            if (maxDiskUsage >= 0) {
                configuration.setMaxDiskUsage(maxDiskUsage);
            }
            // A message that crashes its consumer again and again ends on the dead-letter queue, where a person sees it.
            configuration.addAddressSetting("#", new AddressSettings()
                    .setMaxDeliveryAttempts(10)
                    .setDeadLetterAddress(SimpleString.of("dead-letter"))
                    .setRedeliveryDelay(1_000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000));
            configuration.addAddressSetting("dead-letter", new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(5_000)
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(300_000));
            if (nettyPort > 0) {
                try {
                    configuration.addAcceptorConfiguration("netty", "tcp://127.0.0.1:" + nettyPort);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot open the broker's TCP acceptor on port " + nettyPort, e);
                }
            }
        };
    }
}
