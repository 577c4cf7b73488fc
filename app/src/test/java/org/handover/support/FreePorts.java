package org.handover.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ports for the listeners of test contexts (Tomcat, MLLP, SMTP, SMPP, a broker), so that they never fight over 8080,
 * 3025 or 2775, nor over each other's.
 *
 * <p>A port is chosen between its choice and the server's bind, so it must stay free in that gap. Three things could
 * take it, and each is ruled out:
 * <ul>
 * <li>this JVM handing it out again: a port is handed out once per JVM;</li>
 * <li>another test JVM (surefire forks, another engineer's build): each port handed out is claimed, for the life of
 * the JVM, by a lock on its byte of one shared lock file, which the operating system drops when the JVM dies, even
 * killed;</li>
 * <li>an outgoing connection of anything on the machine: ports come from below the kernel's ephemeral range
 * ({@code /proc/sys/net/ipv4/ip_local_port_range}), which is where outgoing connections take their local port from
 * (the old way, opening port 0, returned ports from inside that range).</li>
 * </ul>
 * A claimed port is checked free, without {@code SO_REUSEADDR}, on the wildcard address (Tomcat, the default MLLP
 * host) and on loopback (the simulators and the tests' MLLP host), so a fixed-port server of someone else's is skipped.
 */
public final class FreePorts {

    private static final Logger log = LoggerFactory.getLogger(FreePorts.class);

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Path CLAIMS_FILE = Path.of(System.getProperty("java.io.tmpdir"), "handover-test-ports.lock");

    private static final PortRange RANGE = PortRange.outsideEphemeral(EPHEMERAL_RANGE);
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final Claims CLAIMS = Claims.open(CLAIMS_FILE);
    /** Where this JVM starts looking: at random, so that two JVMs rarely meet; a test may set it to make them meet. */
    private static int cursor = Integer.getInteger("handover.test-ports.start",
            RANGE.first() + ThreadLocalRandom.current().nextInt(RANGE.size())) - RANGE.first();

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int tried = 0; tried < RANGE.size(); tried++) {
            int port = RANGE.at(cursor++);
            if (HANDED_OUT.contains(port) || !CLAIMS.claim(port)) {
                continue;
            }
            if (freeEverywhere(port)) {
                HANDED_OUT.add(port);
                return port;
            }
            CLAIMS.release(port);
        }
        throw new IllegalStateException("No free port left in " + RANGE);
    }

    /** The ports this class hands out from: below (or else above) the kernel's ephemeral range. */
    static PortRange range() {
        return RANGE;
    }

    /** Whether a server could bind the port, without address reuse, on the wildcard address and on loopback. */
    static boolean freeEverywhere(int port) {
        return bindable(new InetSocketAddress(port)) && bindable(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean bindable(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Hands out {@code args[0]} ports in a JVM of its own and writes them to the file {@code args[1]}: for a test. */
    public static void main(String[] args) throws IOException {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[0]); i++) {
            ports.add(String.valueOf(next()));
        }
        Files.write(Path.of(args[1]), ports);
    }

    /** An inclusive range of port numbers. */
    record PortRange(int first, int last) {

        /** The kernel's ephemeral range is {@code 32768 60999} by default: ports 20000 to 32767 then. */
        static PortRange outsideEphemeral(Path ephemeralRangeFile) {
            try {
                // readAllLines, not readString: a /proc file has no size, and readString read one byte of it
                String[] bounds = Files.readAllLines(ephemeralRangeFile).get(0).trim().split("\\s+");
                return between(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
            } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
                log.warn("Could not read the ephemeral port range from {} ({}); assuming Linux's default, 32768-60999",
                        ephemeralRangeFile, e.toString());
                return between(32768, 60999);
            }
        }

        static PortRange between(int ephemeralFirst, int ephemeralLast) {
            int lowest = 20000; // above the registered ports the sandbox and benchmarks use (2575, 3025, 8080, 18xxx)
            if (ephemeralFirst - lowest >= 2000) {
                return new PortRange(lowest, ephemeralFirst - 1);
            }
            if (65535 - ephemeralLast >= 2000) {
                return new PortRange(ephemeralLast + 1, 65535);
            }
            throw new IllegalStateException("The ephemeral port range " + ephemeralFirst + "-" + ephemeralLast
                    + " leaves no room for test ports: narrow net.ipv4.ip_local_port_range");
        }

        int size() {
            return last - first + 1;
        }

        int at(int index) {
            return first + Math.floorMod(index, size());
        }

        boolean contains(int port) {
            return port >= first && port <= last;
        }
    }

    /** Claims on ports shared by every JVM on the machine: a lock on the port's byte of one file. */
    private static final class Claims {

        private final FileChannel file;
        private final Map<Integer, FileLock> held = new HashMap<>();

        private Claims(FileChannel file) {
            this.file = file;
        }

        static Claims open(Path path) {
            try {
                return new Claims(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE));
            } catch (IOException e) {
                log.warn("Cannot claim test ports across JVMs ({}): {}; only this JVM's own ports are kept apart",
                        path, e.toString());
                return new Claims(null);
            }
        }

        boolean claim(int port) {
            if (file == null) {
                return true;
            }
            try {
                FileLock lock = file.tryLock(port, 1, false);
                if (lock == null) {
                    return false; // another JVM holds it
                }
                held.put(port, lock);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void release(int port) {
            FileLock lock = held.remove(port);
            try {
                if (lock != null) {
                    lock.release();
                }
            } catch (IOException e) {
                log.debug("Could not release the claim on port {}: {}", port, e.toString());
            }
        }
    }
}
