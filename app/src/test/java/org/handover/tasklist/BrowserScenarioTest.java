package org.handover.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.handover.HandoverApplication;
import org.handover.support.SandboxEnvironment;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 7's browser scenario: {@code src/test/browser/tasklist-scenario.mjs} drives real headless Chromium through
 * the Tasklist, Admin and the sandbox page of this sandbox (free ports, its own data folder). Screenshots of each
 * step go to {@code target/browser-screenshots/}.
 *
 * <p>Needs node, {@code npm ci} in {@code src/test/browser} and Chromium ({@code /usr/bin/chromium}, or
 * {@code HANDOVER_CHROMIUM}). Without them the test is skipped, saying what is missing, unless
 * {@code HANDOVER_BROWSER_TESTS=required} (set by {@code .ci/run}), when it fails.
 */
@ExtendWith(BrowserScenarioTest.BrowserInstalled.class) // before Spring's extension: no application start to skip
@SpringBootTest(classes = HandoverApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ActiveProfiles("sandbox")
class BrowserScenarioTest {

    static final SandboxEnvironment ENVIRONMENT = new SandboxEnvironment();
    static final Path BROWSER_TESTS = Path.of("src", "test", "browser");
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    static final Duration PATIENCE = Duration.ofMinutes(4);
    static final int STEPS = 9;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENVIRONMENT.register(registry);
    }

    /** Checks before Spring starts the application, so a machine without a browser does not pay for it. */
    static final class BrowserInstalled implements TestInstancePostProcessor {

        @Override
        public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
            browserIsInstalled();
        }
    }

    static void browserIsInstalled() {
        List<String> missing = new ArrayList<>();
        if (!runs("node", "--version")) {
            missing.add("node on the PATH (apt-get install nodejs npm)");
        }
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules").resolve("playwright-core"))) {
            missing.add("playwright-core (npm ci in app/src/test/browser)");
        }
        if (!Files.isExecutable(Path.of(chromium()))) {
            missing.add(chromium() + " (apt-get install chromium)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "The browser scenario needs " + String.join(", ", missing);
        if ("required".equals(System.getenv("HANDOVER_BROWSER_TESTS"))) {
            Assertions.fail(message + "; HANDOVER_BROWSER_TESTS=required");
        }
        Assumptions.abort(message + ". Skipped; set HANDOVER_BROWSER_TESTS=required to make this a failure.");
    }

    @Test
    void staffWorkTheirTasksInRealChromium() throws IOException, InterruptedException {
        forgetEarlierScreenshots();
        Path output = Files.createTempFile("browser-scenario-", ".log");
        Process scenario = new ProcessBuilder("node", "tasklist-scenario.mjs", ENVIRONMENT.baseUrl(),
                SCREENSHOTS.toAbsolutePath().toString())
                .directory(BROWSER_TESTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = scenario.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            scenario.destroyForcibly().waitFor();
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);

        assertThat(finished).as("the scenario finished within %s:%n%s", PATIENCE, log).isTrue();
        assertThat(scenario.exitValue()).as(log).isZero();
        assertThat(log.lines().filter(line -> line.startsWith("STEP ok"))).as(log).hasSize(STEPS);
        assertThat(log).contains("BROWSER SCENARIO PASSED").doesNotContain("STEP FAILED");
        try (var shots = Files.list(SCREENSHOTS)) {
            assertThat(shots.filter(file -> file.toString().endsWith(".png"))).as("screenshots").hasSizeGreaterThan(STEPS);
        }
    }

    private static void forgetEarlierScreenshots() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        try (var shots = Files.list(SCREENSHOTS)) {
            for (Path shot : shots.filter(file -> file.toString().endsWith(".png")).toList()) {
                Files.delete(shot);
            }
        }
    }

    private static String chromium() {
        String configured = System.getenv("HANDOVER_CHROMIUM");
        return configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
