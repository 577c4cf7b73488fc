package org.handover.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.handover.routes.sms.SmppReceiverState;
import org.handover.routes.sms.SmsRoute;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Whether Handover can reach each outbound channel, probed on a thread of its own every
 * {@code handover.operations.channel-probe-interval} (30 s): a channel that does not answer holds a probe for its
 * connect timeout, which must not delay a scrape, a health request or the application's other scheduled work. One
 * result per channel, read by both {@code /actuator/health/channels} ({@link ChannelHealth}) and the gauge
 * {@code handover_channel_up{channel}} (1 reachable, 0 not). MESH, SMTP and Notify are probed with a TCP connection;
 * SMPP by the state of the bound receiver session, so the message centre never sees a connection that does not bind.
 */
@Component
class ChannelProbes implements DisposableBean {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final Map<String, Supplier<Health>> probes = new LinkedHashMap<>();
    private final Map<String, Health> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "channel-probe");
        thread.setDaemon(true);
        return thread;
    });

    ChannelProbes(MeterRegistry registry, ObjectProvider<SmsRoute> smppRoute,
            @Value("${handover.mesh.url}") String meshUrl,
            @Value("${handover.smtp.host}") String smtpHost, @Value("${handover.smtp.port}") int smtpPort,
            @Value("${handover.sms.provider:smpp}") String smsProvider,
            @Value("${handover.notify.base-url}") String notifyUrl,
            @Value("${handover.operations.channel-probe-interval:30s}") Duration interval) {
        URI mesh = URI.create(meshUrl);
        probes.put("gp-mesh", () -> reachable(mesh.getHost(), portOf(mesh)));
        probes.put("social-care-smtp", () -> reachable(smtpHost, smtpPort));
        if ("notify".equals(smsProvider)) {
            URI notify = URI.create(notifyUrl);
            probes.put("sms-notify", () -> reachable(notify.getHost(), portOf(notify)));
        } else {
            probes.put("sms-smpp", () -> bound(smppRoute.getObject().receiverState()));
        }
        for (String channel : probes.keySet()) {
            last.put(channel, Health.unknown().withDetail("probe", "not yet run").build());
            Gauge.builder("handover.channel.up", () -> up(channel))
                    .description("1 when Handover can reach the outbound channel, 0 when it cannot")
                    .tag("channel", channel)
                    .register(registry);
        }
        prober.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Set<String> channels() {
        return probes.keySet();
    }

    /** The channel's health as last probed. */
    Health last(String channel) {
        return last.get(channel);
    }

    void probe() {
        probes.forEach((channel, probe) -> {
            try {
                last.put(channel, probe.get());
            } catch (RuntimeException e) {
                last.put(channel, Health.down(e).build());
            }
        });
    }

    private double up(String channel) {
        Status status = last.get(channel).getStatus();
        return Status.UNKNOWN.equals(status) ? Double.NaN : Status.UP.equals(status) ? 1.0 : 0.0;
    }

    private static Health bound(SmppReceiverState receiver) {
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

    @Override
    public void destroy() {
        prober.shutdownNow();
    }
}
