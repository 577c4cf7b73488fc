package org.handover.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.handover.adt.MllpConnection;
import org.handover.bench.MalformedInputs.Input;
import org.handover.bench.MalformedInputs.Kind;
import org.handover.bench.MalformedInputs.Target;
import org.handover.sandbox.SandboxPhones;

/**
 * Sends {@link MalformedInputs} to a node through its real entry points, as the GP systems, the PAS and the patients'
 * phones would: FHIR referrals over HTTP, ADT over MLLP, texts through the sandbox message centre. Each answer is
 * checked against what the sender should be told: a spoilt referral 4xx with an OperationOutcome and a quarantine id,
 * a spoilt HL7 message AE or AR (never AR 207, "send again"), a valid referral 201, a valid admission AA.
 */
class FuzzLoad {

    private static final int SAMPLES = 20;

    /** What came back, per kind, and the refusals the node should now hold in quarantine. */
    static final class Tally {
        final Map<String, int[]> byKind = new LinkedHashMap<>();
        final List<String> unexpected = new ArrayList<>();
        int fhirRefused;
        int hl7Refused;
        int referralsCreated;
        int admissionsAccepted;
        int textsSent;
        int unanswered;

        synchronized void count(Input input, boolean asExpected, String detail) {
            String name = input.valid() ? "VALID_" + input.target() : input.kind().name();
            int[] counts = byKind.computeIfAbsent(name, k -> new int[2]);
            counts[0]++;
            if (asExpected) {
                counts[1]++;
            } else if (unexpected.size() < SAMPLES) {
                unexpected.add(name + " #" + input.number() + " (" + input.key() + "): " + detail);
            }
        }

        synchronized Map<String, Object> report(double seconds) {
            Map<String, Object> report = new LinkedHashMap<>();
            int sent = byKind.values().stream().mapToInt(c -> c[0]).sum();
            int wrong = byKind.values().stream().mapToInt(c -> c[0] - c[1]).sum();
            report.put("sent", sent);
            report.put("answeredAsExpected", sent - wrong);
            report.put("unexpectedAnswers", wrong);
            report.put("unanswered", unanswered);
            report.put("fhirRefused", fhirRefused);
            report.put("hl7Refused", hl7Refused);
            report.put("referralsCreated", referralsCreated);
            report.put("admissionsAccepted", admissionsAccepted);
            report.put("textsSent", textsSent);
            report.put("seconds", Math.round(seconds * 10) / 10.0);
            Map<String, String> kinds = new LinkedHashMap<>();
            byKind.forEach((kind, c) -> kinds.put(kind, c[1] + "/" + c[0]));
            report.put("asExpectedByKind", kinds);
            report.put("unexpectedSamples", unexpected);
            return report;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;
    private final int mllpPort;
    private final SandboxPhones phones;

    FuzzLoad(String baseUrl, String user, String password, int mllpPort, SandboxPhones phones) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.mllpPort = mllpPort;
        this.phones = phones;
    }

    /** Which inputs of a run are valid: {@code valid} of them, spread among the malformed by the seed. */
    static boolean[] validity(long seed, int malformed, int valid) {
        Random mix = new Random(seed ^ 0x5DEECE66DL);
        boolean[] validity = new boolean[malformed + valid];
        int validLeft = valid;
        for (int n = 0; n < validity.length; n++) {
            validity[n] = mix.nextInt(validity.length - n) < validLeft;
            if (validity[n]) {
                validLeft--;
            }
        }
        return validity;
    }

    /** Input {@code n} of a run: its own generator, so that threads can make inputs in any order. */
    static Input input(long seed, String runId, int n, boolean valid) {
        return new MalformedInputs(mixed(seed * 1_000_003L + n), runId).next(n, valid);
    }

    /** SplitMix64's finaliser: java.util.Random's first draws from neighbouring seeds follow each other. */
    private static long mixed(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The inputs of a run, in order. */
    static List<Input> inputs(long seed, String runId, int malformed, int valid) {
        boolean[] validity = validity(seed, malformed, valid);
        List<Input> inputs = new ArrayList<>(validity.length);
        for (int n = 0; n < validity.length; n++) {
            inputs.add(input(seed, runId, n, validity[n]));
        }
        return inputs;
    }

    /** Makes and sends the inputs of a run from {@code threads} threads, each making the inputs it sends. */
    Tally send(long seed, String runId, boolean[] validity, int threads) throws Exception {
        Tally tally = new Tally();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    MllpConnection[] pas = {null};
                    try {
                        for (int n = next.getAndIncrement(); n < validity.length; n = next.getAndIncrement()) {
                            send(input(seed, runId, n, validity[n]), tally, pas);
                        }
                    } finally {
                        close(pas);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return tally;
    }

    private void send(Input input, Tally tally, MllpConnection[] pas) {
        try {
            switch (input.target()) {
                case FHIR_JSON, FHIR_XML -> referral(input, tally);
                case HL7 -> hl7(input, tally, pas);
                case SMS -> text(input, tally);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception unanswered) {
            close(pas);
            synchronized (tally) {
                tally.unanswered++;
            }
            tally.count(input, false, "no answer: " + unanswered);
        }
    }

    private void referral(Input input, Tally tally) throws Exception {
        String type = input.target() == Target.FHIR_XML ? "application/fhir+xml" : "application/fhir+json";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/fhir/r4/ServiceRequest"))
                .header("Content-Type", type + ";charset=UTF-8")
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(input.body()))
                .build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = answer.statusCode();
        if (input.valid()) {
            boolean created = status == 201 || status == 200;
            if (created) {
                synchronized (tally) {
                    tally.referralsCreated++;
                }
            }
            tally.count(input, created, "HTTP " + status + " " + head(answer.body()));
            return;
        }
        boolean quarantined = answer.headers().firstValue("X-Handover-Quarantine-Id").isPresent();
        boolean refused = status >= 400 && status < 500 && answer.body().contains("OperationOutcome");
        if (refused && quarantined) {
            synchronized (tally) {
                tally.fhirRefused++;
            }
        }
        tally.count(input, refused && quarantined, "HTTP " + status + (quarantined ? "" : " without a quarantine id")
                + " " + head(answer.body()));
    }

    private void hl7(Input input, Tally tally, MllpConnection[] pas) {
        if (pas[0] == null) {
            pas[0] = new MllpConnection("127.0.0.1", mllpPort);
        }
        String ack = pas[0].sendBytes(input.body());
        String code = ack.contains("MSA|") ? MllpConnection.code(ack) : "(no MSA)";
        if (input.valid()) {
            boolean accepted = "AA".equals(code);
            if (accepted) {
                synchronized (tally) {
                    tally.admissionsAccepted++;
                }
            }
            tally.count(input, accepted, code + " " + head(ack));
            return;
        }
        boolean refused = ("AE".equals(code) || "AR".equals(code)) && !ack.contains("|207^");
        if (refused) {
            synchronized (tally) {
                tally.hl7Refused++;
            }
        }
        tally.count(input, refused, code + " " + head(ack));
    }

    private void text(Input input, Tally tally) {
        phones.reply(input.key(), input.text());
        synchronized (tally) {
            tally.textsSent++;
        }
        tally.count(input, true, "");
    }

    private static void close(MllpConnection[] pas) {
        if (pas[0] != null) {
            try {
                pas[0].close();
            } catch (RuntimeException ignored) {
                // already gone
            }
            pas[0] = null;
        }
    }

    private static String head(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300);
    }

    static Map<Kind, Integer> kindsOf(List<Input> inputs) {
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        inputs.stream().filter(i -> !i.valid()).forEach(i -> kinds.merge(i.kind(), 1, Integer::sum));
        return kinds;
    }
}
