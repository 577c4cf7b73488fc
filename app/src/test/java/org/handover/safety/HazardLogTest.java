package org.handover.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clinical safety hazard log (ops/safety/hazard-log.md) cannot rot: every test it names as proof of a control is
 * a JUnit test on the reactor's test classpath (found by reflection), every file it names exists, every hazard has
 * its controls, proofs and risks, and each risk follows the DCB0129 matrix the log gives.
 */
class HazardLogTest {

    static final Path ROOT = Path.of("..");
    static final Path LOG = ROOT.resolve("ops/safety/hazard-log.md");
    static final List<String> MODULES = List.of("app", "domain", "processes", "rules", "routes");
    static final List<String> ROWS = List.of("Hazard", "Cause", "Effect", "Harm", "Initial risk", "Controls",
            "Proved by", "Residual risk", "Open actions");
    static final List<String> SEVERITIES = List.of("Minor", "Significant", "Considerable", "Major", "Catastrophic");
    static final List<String> LIKELIHOODS = List.of("Very low", "Low", "Medium", "High", "Very high");
    /** Risk by likelihood (rows, Very low first) and severity (columns, Minor first), as the log's matrix. */
    static final int[][] MATRIX = {{1, 1, 2, 2, 3}, {1, 2, 2, 3, 4}, {2, 2, 3, 3, 4}, {2, 3, 3, 4, 5}, {3, 4, 4, 5, 5}};

    private static final Pattern PROOF = Pattern.compile("`([A-Za-z_][\\w.]*)#(\\w+)`");
    private static final Pattern FILE = Pattern.compile("`((?:app|domain|processes|rules|routes|forms|ops|docs)/[\\w./-]+"
            + "\\.(?:java|bpmn|drl|yaml|xml|md|sql|form))`");
    private static final Pattern RISK = Pattern.compile("Severity (\\w+), likelihood ([\\w ]+?), risk (\\d)");

    private static String log;
    private static Map<String, Map<String, String>> hazards;

    @BeforeAll
    static void read() throws IOException {
        log = Files.readString(LOG);
        hazards = new LinkedHashMap<>();
        for (String section : log.split("\n### ")) {
            if (!section.matches("(?s)^H\\d\\d .*")) {
                continue;
            }
            Map<String, String> rows = new LinkedHashMap<>();
            rows.put("title", section.substring(0, section.indexOf('\n')));
            for (String line : section.split("\n")) {
                String[] cells = line.split("\\|", -1);
                if (cells.length >= 4 && ROWS.contains(cells[1].strip())) {
                    rows.put(cells[1].strip(), cells[2].strip());
                }
            }
            hazards.put(section.substring(0, 3), rows);
        }
    }

    @Test
    void everyHazardTheIssueNamesIsLogged() {
        String titles = String.join("\n", hazards.values().stream().map(h -> h.get("title")).toList());
        assertThat(titles).contains("summary sent to the wrong GP", "Referral lost", "Red flag missed",
                "Referral triaged late", "patient who has died", "number that opted out", "Wrong patient matched",
                "Message sent twice", "Message silently dropped", "notification sent to the wrong council",
                "CHC referral past 28 days", "Personal data in logs", "another team's task");
    }

    @Test
    void everyHazardHasEveryRowAtLeastOneProofAndRisksThatFollowTheMatrix() {
        List<String> problems = new ArrayList<>();
        hazards.forEach((id, rows) -> {
            ROWS.stream().filter(row -> rows.getOrDefault(row, "").isBlank())
                    .forEach(row -> problems.add(id + " has no " + row));
            if (!PROOF.matcher(rows.getOrDefault("Proved by", "")).find()) {
                problems.add(id + " names no test as proof");
            }
            for (String row : List.of("Initial risk", "Residual risk")) {
                Matcher risk = RISK.matcher(rows.getOrDefault(row, ""));
                if (!risk.find()) {
                    problems.add(id + " " + row + " is not 'Severity S, likelihood L, risk N'");
                    continue;
                }
                int severity = SEVERITIES.indexOf(risk.group(1));
                int likelihood = LIKELIHOODS.indexOf(risk.group(2));
                if (severity < 0 || likelihood < 0) {
                    problems.add(id + " " + row + " names an unknown severity or likelihood");
                } else if (MATRIX[likelihood][severity] != Integer.parseInt(risk.group(3))) {
                    problems.add(id + " " + row + " should be risk " + MATRIX[likelihood][severity]);
                }
            }
        });
        assertThat(hazards).hasSizeGreaterThanOrEqualTo(13);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyProvingTestIsAJUnitTestOnTheTestClasspath() throws Exception {
        Map<String, List<String>> classesBySimpleName = testClassesBySimpleName();
        List<String> problems = new ArrayList<>();
        int proofs = 0;
        try (URLClassLoader loader = new URLClassLoader(testClassFolders(), getClass().getClassLoader())) {
            Matcher proof = PROOF.matcher(log);
            while (proof.find()) {
                proofs++;
                String name = proof.group(1);
                List<String> candidates = name.contains(".") ? List.of(name)
                        : classesBySimpleName.getOrDefault(name, List.of());
                if (candidates.size() != 1) {
                    problems.add(proof.group() + ": " + (candidates.isEmpty() ? "no such test class"
                            : "several classes of that name, qualify it: " + candidates));
                    continue;
                }
                try {
                    if (!isTest(Class.forName(candidates.get(0), false, loader), proof.group(2))) {
                        problems.add(proof.group() + ": no @Test method of that name");
                    }
                } catch (ClassNotFoundException e) {
                    problems.add(proof.group() + ": no such test class");
                }
            }
        }
        assertThat(proofs).isGreaterThanOrEqualTo(hazards.size());
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFileNamedAsAControlExists() {
        Matcher file = FILE.matcher(log.replace("app/.../", "app/src/main/java/org/handover/"));
        List<String> missing = new ArrayList<>();
        int files = 0;
        while (file.find()) {
            files++;
            if (!Files.exists(ROOT.resolve(file.group(1)))) {
                missing.add(file.group(1));
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(hazards.size());
        assertThat(missing).isEmpty();
    }

    /** A test method of the class, of a class it extends, or of one of its {@code @Nested} classes. */
    private static boolean isTest(Class<?> type, String method) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method declared : c.getDeclaredMethods()) {
                if (declared.getName().equals(method) && declared.isAnnotationPresent(Test.class)) {
                    return true;
                }
            }
        }
        return Stream.of(type.getDeclaredClasses()).anyMatch(nested -> isTest(nested, method));
    }

    /** The compiled tests of every module of the reactor (built before the app's tests run). */
    private static URL[] testClassFolders() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String module : MODULES) {
            Path folder = ROOT.resolve(module).resolve("target/test-classes");
            if (Files.isDirectory(folder)) {
                urls.add(folder.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static Map<String, List<String>> testClassesBySimpleName() throws IOException {
        Map<String, List<String>> classes = new TreeMap<>();
        for (String module : MODULES) {
            Path folder = ROOT.resolve(module).resolve("target/test-classes");
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.map(folder::relativize).map(Path::toString)
                        .filter(file -> file.endsWith(".class") && !file.contains("$"))
                        .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                        .forEach(name -> classes.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1),
                                simple -> new ArrayList<>()).add(name));
            }
        }
        return classes;
    }
}
