package org.handover.support;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /actuator/prometheus} as Prometheus would take it (HTTP Basic, a user allowed to read
 * metrics), parsed into its samples: what operators' alerts and dashboards will see.
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Map<Map<String, String>, Double>> samples = new LinkedHashMap<>();

    private PrometheusScrape(String text) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.computeIfAbsent(sample.group(1), name -> new LinkedHashMap<>())
                    .put(labels, Double.parseDouble(sample.group(4)));
        }
    }

    public static PrometheusScrape of(SandboxEnvironment environment, String user) {
        HttpResponse<String> response = Http.as(environment.baseUrl(), user).get("/actuator/prometheus");
        if (response.statusCode() != 200) {
            throw new AssertionError("/actuator/prometheus answered " + response.statusCode() + " to " + user);
        }
        return new PrometheusScrape(response.body());
    }

    /** The names of every series exposed, e.g. {@code handover_outbox_pending}. */
    public Set<String> names() {
        return new TreeSet<>(samples.keySet());
    }

    /**
     * The value of the one series of that name whose labels include the ones given (label-value pairs), or null
     * when there is none.
     */
    public Double value(String name, String... labelValuePairs) {
        Double found = null;
        for (Map.Entry<Map<String, String>, Double> series : samples.getOrDefault(name, Map.of()).entrySet()) {
            if (matches(series.getKey(), labelValuePairs)) {
                if (found != null) {
                    throw new AssertionError("More than one series " + name + " matches " + String.join(",",
                            labelValuePairs));
                }
                found = series.getValue();
            }
        }
        return found;
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
