package org.handover.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.handover.HandoverApplication;
import org.handover.breakglass.BreakGlass;
import org.handover.messaging.Outbox;
import org.handover.messaging.Outbox.OutboxEntry;
import org.handover.referral.RoutingTable;
import org.handover.routes.delivery.Channel;
import org.handover.support.FreePorts;
import org.handover.support.Http;
import org.handover.support.PostgresForTests;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two Handover nodes in one JVM on one PostgreSQL (a database of their own) and one broker, as ops/cluster runs them:
 * node A has the broker (embedded, with a TCP acceptor standing in for the standalone one) and the simulators; node B
 * runs the cluster profile against A's broker, with the simulators turned off and pointed at A's. Both relay the one
 * outbox and consume the shared queues.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    private final SandboxEnvironment environmentA = new SandboxEnvironment();
    private final SandboxEnvironment environmentB = new SandboxEnvironment();
    private final int brokerPort = FreePorts.next();
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @BeforeAll
    void startBothNodes() {
        String database = PostgresForTests.newDatabase("two_nodes_" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> shared = Map.of(
                "spring.datasource.url", database,
                "spring.datasource.username", PostgresForTests.username(),
                "spring.datasource.password", PostgresForTests.password(),
                "handover.bench.enabled", true,
                "handover.cluster.settings-recheck", "300ms",
                "handover.break-glass.revoke-interval", "1h");

        Map<String, Object> a = new HashMap<>(environmentA.properties());
        a.putAll(shared);
        a.put("spring.profiles.active", "sandbox,postgres");
        a.put("handover.broker.netty-port", brokerPort);
        nodeA = start(a);

        Map<String, Object> b = new HashMap<>(environmentB.properties());
        b.putAll(shared);
        b.put("spring.profiles.active", "sandbox,postgres,cluster");
        b.put("spring.artemis.broker-url", "tcp://127.0.0.1:" + brokerPort);
        b.put("spring.artemis.user", "handover");
        b.put("spring.artemis.password", "unused-by-the-embedded-broker");
        b.put("handover.sandbox.enabled", false);
        b.put("handover.mesh.url", environmentA.baseUrl());
        b.put("handover.smtp.port", environmentA.properties().get("handover.smtp.port"));
        b.put("handover.smpp.port", environmentA.properties().get("handover.smpp.port"));
        // one JVM, two engines: Camunda keeps a static registry of engines by name
        b.put("camunda.bpm.generate-unique-process-engine-name", true);
        b.put("camunda.bpm.generate-unique-process-application-name", true);
        nodeB = start(b);
    }

    @AfterAll
    void stopBothNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void messagesWrittenOnEitherNodeAreDeliveredOnceWithBothNodesConsuming() throws Exception {
        String run = "two-nodes-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        ids.addAll(write(nodeA, run + "-a", 30));
        ids.addAll(write(nodeB, run + "-b", 30));

        JdbcTemplate jdbc = nodeB.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_message where correlation_key like ? and status in ('SENT', 'DELIVERED')",
                Integer.class, run + "-%") == ids.size());

        // What each receiver got, by the key it knows the message by, against the ledger (the script's reconciliation)
        String receivedList = Http.as(environmentA.baseUrl(), "admin").get("/api/admin/bench/cluster/received").body();
        Map<String, Long> received = lines(receivedList).stream()
                .collect(Collectors.groupingBy(line -> line, Collectors.counting()));
        // The database is this class's own: every line of the ledger is one of these messages.
        String ledger = Http.as(environmentB.baseUrl(), "admin").get("/api/admin/bench/cluster/ledger").body();
        List<String> ours = lines(ledger).stream().map(TwoNodesTest::channelAndKey).toList();
        assertThat(ours).hasSize(ids.size());
        assertThat(ours).allSatisfy(key -> assertThat(received.get(key)).as("copies of %s", key).isEqualTo(1L));

        assertThat(sent(nodeA)).as("node A delivered some").isPositive();
        assertThat(sent(nodeB)).as("node B delivered some").isPositive();
        assertThat(sent(nodeA) + sent(nodeB)).isEqualTo(ids.size());
        assertThat(scriptsReconciliation(ledger, receivedList)).contains(
                "gp           accepted     20  received     20  lost 0  duplicates 0  received but not accepted 0",
                "social-care  accepted     20  received     20  lost 0  duplicates 0  received but not accepted 0",
                "sms          accepted     20  received     20  lost 0  duplicates 0  received but not accepted 0");
    }

    /** ops/bench/reconcile.awk, the reconciliation two-nodes.sh and faults/inject.sh share, on the same two lists. */
    private static String scriptsReconciliation(String ledger, String received) throws IOException, InterruptedException {
        Path script = Path.of("..", "ops", "bench", "reconcile.awk");
        Path folder = Files.createTempDirectory("reconcile");
        Path ledgerFile = Files.writeString(folder.resolve("ledger.tsv"), ledger);
        Path receivedFile = Files.writeString(folder.resolve("received.tsv"), received);
        Process awk = new ProcessBuilder("awk", "-f", script.toString(), ledgerFile.toString(), receivedFile.toString())
                .redirectErrorStream(true).start();
        String output = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(awk.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void aRoutingTableChangedOnOneNodeIsInForceOnTheOtherAndTheNextChangeThereFollowsIt() {
        RoutingTable onA = nodeA.getBean(RoutingTable.class);
        RoutingTable onB = nodeB.getBean(RoutingTable.class);
        RoutingTable.Version before = onB.current();

        RoutingTable.Version changed = onA.change(before.entries(), before.redFlags(), "admin", "Changed on node A");
        await().atMost(Duration.ofSeconds(5)).until(() -> onB.current().version() == changed.version());

        RoutingTable.Version next = onB.change(before.entries(), before.redFlags(), "admin", "Then on node B");
        assertThat(next.version()).isEqualTo(changed.version() + 1);
    }

    @Test
    void aNodeRevokingExpiredBreakGlassGrantsSkipsTheGrantAnotherNodeIsRevoking() throws Exception {
        JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
        UUID grant = UUID.randomUUID();
        Instant past = Instant.now().minus(Duration.ofHours(5));
        jdbc.update("""
                insert into break_glass_grant (id, user_id, process_instance_id, process_key, reason, granted_at,
                    expires_at, authorization_ids) values (?, 'consultant', 'pi-1', 'ReferralTriage', 'test', ?, ?, '')
                """, grant, Timestamp.from(past), Timestamp.from(past.plus(Duration.ofHours(4))));

        // Node A is in the middle of revoking it: its transaction holds the row.
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> revokingOnA = CompletableFuture.runAsync(() -> nodeA.getBean(TransactionTemplate.class)
                .executeWithoutResult(status -> {
                    jdbc.queryForList("select id from break_glass_grant where id = ? for update", grant);
                    locked.countDown();
                    await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
                }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        // Node B's run neither waits for node A nor fails: it leaves that grant to node A.
        CompletableFuture<Void> revokingOnB = CompletableFuture.runAsync(() -> nodeB.getBean(BreakGlass.class).revokeExpired());
        revokingOnB.get(10, TimeUnit.SECONDS);
        release.countDown();
        revokingOnA.get(10, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("select revoked_at from break_glass_grant where id = ?", Timestamp.class, grant))
                .isNull();

        nodeA.getBean(BreakGlass.class).revokeExpired();
        assertThat(jdbc.queryForObject("select revoked_at from break_glass_grant where id = ?", Timestamp.class, grant))
                .isNotNull();
    }

    private static List<String> write(ConfigurableApplicationContext node, String prefix, int count) {
        Outbox outbox = node.getBean(Outbox.class);
        TransactionTemplate transaction = node.getBean(TransactionTemplate.class);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String id = prefix + "-" + n;
            OutboxEntry entry = switch (n % 3) {
                case 0 -> new OutboxEntry(id, Channel.GP, "A81001OT001", "ClusterTest", prefix + "-" + n, "{}",
                        Map.of("meshWorkflowId", "TOC_FHIR_IP_DISCH"));
                case 1 -> new OutboxEntry(id, Channel.SOCIAL_CARE, "care@council.gov.invalid", "ClusterTest",
                        prefix + "-" + n, "Notice " + id, Map.of("subject", "Cluster test"));
                default -> new OutboxEntry(id, Channel.SMS, "+447700900" + String.format("%03d", n), "ClusterTest",
                        prefix + "-" + n, longText(id, n), Map.of());
            };
            transaction.executeWithoutResult(status -> outbox.send(entry));
            ids.add(id);
        }
        return ids;
    }

    /** Every other text too long for one SMS: its parts, numbered per sending node, are joined again by phone. */
    private static String longText(String id, int n) {
        return n % 2 == 0 ? "Text " + id : "Text " + id + ": " + "the ward will call you about your follow-up. ".repeat(5);
    }

    /** Messages this node's channel routes delivered (its own delivery counters). */
    private static double sent(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class).find("handover.deliveries").tag("status", "sent").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static List<String> lines(String body) {
        return body.lines().filter(line -> !line.isBlank()).toList();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // As command-line arguments: they outrank application.yaml and the profile overlays.
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(HandoverApplication.class).run(arguments);
    }

    /** A ledger line is {@code channel key status id}; the receiver knows a message by its channel and key. */
    private static String channelAndKey(String ledgerLine) {
        String[] fields = ledgerLine.split("\t");
        return fields[0] + "\t" + fields[1];
    }
}
