package org.handover.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.handover.support.FreePorts.PortRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

    @Test
    void neverHandsOutAPortTwiceInOneJvm() {
        List<Integer> ports = IntStream.range(0, 300).map(i -> FreePorts.next()).boxed().toList();

        assertThat(new HashSet<>(ports)).hasSize(ports.size());
    }

    @Test
    void handsOutPortsOutsideTheKernelsEphemeralRange() throws IOException {
        String[] ephemeral = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
        int first = Integer.parseInt(ephemeral[0]);
        int last = Integer.parseInt(ephemeral[1]);

        for (int i = 0; i < 50; i++) {
            assertThat(FreePorts.next()).isBetween(FreePorts.range().first(), FreePorts.range().last())
                    .satisfies(port -> assertThat(port < first || port > last).as("port %d outside %d-%d", port, first, last).isTrue());
        }
    }

    @Test
    void aPortHandedOutCanBeBoundOnTheWildcardAddressAndOnLoopback() throws IOException {
        int port = FreePorts.next();

        try (ServerSocket wildcard = new ServerSocket()) {
            wildcard.setReuseAddress(false);
            wildcard.bind(new InetSocketAddress(port));
        }
        try (ServerSocket loopback = new ServerSocket()) {
            loopback.setReuseAddress(false);
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void aPortSomeoneListensOnIsNotFreeWhicheverAddressTheyBound() throws IOException {
        try (ServerSocket onLoopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket onWildcard = new ServerSocket(0)) {
            assertThat(FreePorts.freeEverywhere(onLoopback.getLocalPort())).isFalse();
            assertThat(FreePorts.freeEverywhere(onWildcard.getLocalPort())).isFalse();
        }
    }

    @Test
    void anotherJvmStartingAtTheSamePortGetsOtherPorts(@TempDir Path directory) throws Exception {
        List<Integer> ours = IntStream.range(0, 20).map(i -> FreePorts.next()).boxed().toList();

        // The other JVM is made to look where this one did, so only the claims can keep them apart.
        List<Integer> theirs = portsOfAnotherJvm(directory, ours.get(0), System.getProperty("java.io.tmpdir"));

        assertThat(theirs).hasSize(20).doesNotContainAnyElementsOf(ours);
    }

    @Test
    void withoutTheSharedClaimsAnotherJvmWouldTakeTheSamePorts(@TempDir Path directory) throws Exception {
        List<Integer> ours = IntStream.range(0, 20).map(i -> FreePorts.next()).boxed().toList();

        List<Integer> theirs = portsOfAnotherJvm(directory, ours.get(0), directory.toString()); // claims file of its own

        assertThat(theirs).containsAnyElementsOf(ours);
    }

    private static List<Integer> portsOfAnotherJvm(Path directory, int start, String tmpdir) throws Exception {
        Path ports = directory.resolve("ports.txt");
        Path output = directory.resolve("out.txt");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dhandover.test-ports.start=" + start, "-Djava.io.tmpdir=" + tmpdir,
                FreePorts.class.getName(), "20", ports.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(other.exitValue()).as(Files.readString(output)).isZero();
        return Files.readAllLines(ports).stream().map(Integer::parseInt).toList();
    }

    @Test
    void takesTheRangeBelowTheEphemeralOneOrElseAboveIt() {
        assertThat(PortRange.between(32768, 60999)).isEqualTo(new PortRange(20000, 32767));
        assertThat(PortRange.between(10000, 60000)).isEqualTo(new PortRange(60001, 65535));
        assertThatThrownBy(() -> PortRange.between(1024, 65000)).hasMessageContaining("ip_local_port_range");
    }
}
