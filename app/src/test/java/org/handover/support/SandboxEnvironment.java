package org.handover.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings of one sandbox instance under test: its own ports, data folder and broker id, and delivery tuned
 * for tests (short backoff, three attempts) so that retries and dead letters happen within seconds.
 */
public final class SandboxEnvironment {

    private static final AtomicInteger BROKER_IDS = new AtomicInteger(10);

    private final int httpPort = FreePorts.next();
    private final int smtpPort = FreePorts.next();
    private final int smppPort = FreePorts.next();
    private final int mllpPort = FreePorts.next();
    private final int brokerId = BROKER_IDS.incrementAndGet();
    private final Path dataDir;

    public SandboxEnvironment() {
        try {
            dataDir = Files.createTempDirectory("handover-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Spring keeps test contexts open until the JVM ends; a full run left about 120 folders of 30 MB behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dataDir), "delete-" + dataDir.getFileName()));
    }

    /** Best effort at JVM exit: the context may still be closing, and on Linux an open file's name goes anyway. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left for the operating system's temporary-file cleanup
        }
    }

    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.profiles.active", "sandbox");
        properties.put("server.port", httpPort);
        properties.put("handover.data-dir", dataDir.toString());
        properties.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("handover") + ";DB_CLOSE_ON_EXIT=FALSE");
        properties.put("spring.artemis.embedded.data-directory", dataDir.resolve("artemis").toString());
        properties.put("spring.artemis.embedded.server-id", brokerId);
        properties.put("handover.smtp.port", smtpPort);
        properties.put("handover.smpp.port", smppPort);
        properties.put("handover.smpp.reconnect-delay-ms", 500);
        properties.put("handover.adt.mllp-host", "127.0.0.1");
        properties.put("handover.adt.mllp-port", mllpPort);
        properties.put("handover.delivery.max-attempts", 3);
        properties.put("handover.delivery.first-retry-delay", "300ms");
        properties.put("handover.delivery.max-retry-delay", "1s");
        properties.put("handover.delivery.relay-interval", "100ms");
        properties.put("camunda.bpm.job-execution.wait-time-in-millis", 200);
        properties.put("camel.main.name", "handover-" + brokerId);
        properties.put("spring.jmx.enabled", false);
        return properties;
    }

    /** Hands these settings to a Spring test context; the profile comes from the test's @ActiveProfiles. */
    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> {
            if (!key.equals("spring.profiles.active")) {
                registry.add(key, () -> value);
            }
        });
    }

    public int httpPort() {
        return httpPort;
    }

    public int mllpPort() {
        return mllpPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }
}
