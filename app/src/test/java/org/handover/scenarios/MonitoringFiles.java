package org.handover.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The operators' files in ops/monitoring as the test reads them: the alert rules (Prometheus YAML) and the Grafana
 * dashboard's queries, and the metric names their PromQL expressions use.
 */
final class MonitoringFiles {

    static final Path FOLDER = Path.of("..", "ops", "monitoring");
    static final Path ALERTS = FOLDER.resolve("alerts.yaml");
    static final Path DASHBOARD = FOLDER.resolve("handover-dashboard.json");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    record Alert(String name, String expr, String duration, Map<String, Object> labels,
            Map<String, Object> annotations) {
    }

    private MonitoringFiles() {
    }

    @SuppressWarnings("unchecked")
    static List<Alert> alerts() throws IOException {
        List<Alert> alerts = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(ALERTS)) {
            Map<String, Object> root = new Yaml().load(reader);
            for (Map<String, Object> group : (List<Map<String, Object>>) root.get("groups")) {
                for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                    alerts.add(new Alert(String.valueOf(rule.get("alert")), String.valueOf(rule.get("expr")),
                            rule.get("for") == null ? null : rule.get("for").toString(),
                            (Map<String, Object>) rule.getOrDefault("labels", Map.of()),
                            (Map<String, Object>) rule.getOrDefault("annotations", Map.of())));
                }
            }
        }
        return alerts;
    }

    /** Every query of the dashboard, by the title of its panel. */
    static Map<String, List<String>> dashboardQueries() throws IOException {
        Map<String, List<String>> queries = new LinkedHashMap<>();
        collect(new ObjectMapper().readTree(DASHBOARD.toFile()), "dashboard", queries);
        return queries;
    }

    private static void collect(JsonNode node, String panel, Map<String, List<String>> queries) {
        String title = node.hasNonNull("title") ? node.get("title").asText() : panel;
        if (node.isObject()) {
            if (node.hasNonNull("expr")) {
                queries.computeIfAbsent(title, t -> new ArrayList<>()).add(node.get("expr").asText());
            }
            node.forEach(child -> collect(child, title, queries));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, title, queries));
        }
    }

    /**
     * The metric names a PromQL expression reads: identifiers that are not functions, keywords, label names or
     * label values, durations or the grouping lists of {@code by}/{@code without}/{@code on}/{@code ignoring}.
     */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            String rest = bare.substring(identifier.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
