package org.handover.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.handover.routes.sms.SmppReceiverState;
import org.handover.routes.sms.SmsRoute;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of each outbound channel under /actuator/health/channels: the last result of {@link ChannelProbes}, the
 * same one the {@code handover_channel_up} gauge shows. A request never probes: a health check every few seconds
 * from a load balancer would otherwise open a connection to every channel each time. A channel down does not stop
 * the application (messages wait in the outbox) but operators see it at once. MESH, SMTP and Notify are probed with
 * a TCP connection; SMPP by the state of the bound receiver session, so the message centre never sees a connection
 * that does not bind (it logs and drops those as failed binds).
 */
@Configuration
class ChannelHealth {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    @Bean(destroyMethod = "stop")
    ChannelProbes channelProbes(MeterRegistry registry, ObjectProvider<SmsRoute> smppRoute,
            @Value("${handover.mesh.url}") String meshUrl,
            @Value("${handover.smtp.host}") String smtpHost, @Value("${handover.smtp.port}") int smtpPort,
            @Value("${handover.sms.provider:smpp}") String smsProvider,
            @Value("${handover.notify.base-url}") String notifyUrl,
            @Value("${handover.operations.channel-probe-interval:30s}") Duration interval) {
        Map<String, Supplier<Health>> probes = new LinkedHashMap<>();
        URI mesh = URI.create(meshUrl);
        probes.put("gp-mesh", () -> reachable(mesh.getHost(), portOf(mesh)));
        probes.put("social-care-smtp", () -> reachable(smtpHost, smtpPort));
        if ("notify".equals(smsProvider)) {
            URI notify = URI.create(notifyUrl);
            probes.put("sms-notify", () -> reachable(notify.getHost(), portOf(notify)));
        } else {
            probes.put("sms-smpp", () -> bound(smppRoute.getObject().receiverState()));
        }
        return new ChannelProbes(registry, probes, interval);
    }

    @Bean("channels")
    HealthContributor channelsHealth(ChannelProbes probes) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        probes.channels().forEach(channel -> indicators.put(channel, () -> probes.last(channel)));
        return CompositeHealthContributor.fromMap(indicators);
    }

    static Health bound(SmppReceiverState receiver) {
        String state = receiver.state().map(Enum::name).orElse("not bound yet");
        return (receiver.bound() ? Health.up() : Health.down()).withDetail("receiver", state).build();
    }

    private static int portOf(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static Health reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return Health.up().withDetail("endpoint", host + ":" + port).build();
        } catch (IOException e) {
            return Health.down().withDetail("endpoint", host + ":" + port).withDetail("error", e.getMessage()).build();
        }
    }
}
