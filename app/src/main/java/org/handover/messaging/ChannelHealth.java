package org.handover.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health of each outbound channel: can Handover reach the GP channel (MESH), the council mail server (SMTP) and
 * the SMS message centre (SMPP) or GOV.UK Notify. Shown under /actuator/health/channels; a channel down does not stop the
 * application (messages wait in the outbox) but operators see it at once.
 */
@Configuration
class ChannelHealth {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    @Bean("channels")
    HealthContributor channelsHealth(@Value("${handover.mesh.url}") String meshUrl,
            @Value("${handover.smtp.host}") String smtpHost, @Value("${handover.smtp.port}") int smtpPort,
            @Value("${handover.smpp.host}") String smppHost, @Value("${handover.smpp.port}") int smppPort,
            @Value("${handover.sms.provider:smpp}") String smsProvider, @Value("${handover.notify.base-url}") String notifyUrl) {
        URI mesh = URI.create(meshUrl);
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        indicators.put("gp-mesh", reachable(mesh.getHost(), portOf(mesh)));
        indicators.put("social-care-smtp", reachable(smtpHost, smtpPort));
        if ("notify".equals(smsProvider)) {
            URI notify = URI.create(notifyUrl);
            indicators.put("sms-notify", reachable(notify.getHost(), portOf(notify)));
        } else {
            indicators.put("sms-smpp", reachable(smppHost, smppPort));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    private static int portOf(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static HealthIndicator reachable(String host, int port) {
        return () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                return Health.up().withDetail("endpoint", host + ":" + port).build();
            } catch (IOException e) {
                return Health.down().withDetail("endpoint", host + ":" + port).withDetail("error", e.getMessage()).build();
            }
        };
    }
}
