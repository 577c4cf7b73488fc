package org.handover.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.handover.domain.SyntheticData;
import org.handover.domain.SyntheticPatient;

/**
 * Posts synthetic FHIR referrals to a node's intake, as a GP system would, from several client threads, and
 * times each answer: a 201 means the referral is stored, routed by the rules and waiting at an open triage task.
 */
class ReferralLoad {

    static final String[][] SPECIALTIES = {
            {"DERMATOLOGY", "Dermatology", "Itchy scaly plaques on both elbows, not settling with emollients."},
            {"CARDIOLOGY", "Cardiology", "Palpitations on exertion for three months, ECG shows occasional ectopics."},
            {"COLORECTAL", "Colorectal surgery", "Rectal bleeding for six weeks with a change in bowel habit."},
            {"SURGERY_GENERAL", "General surgery", "Reducible inguinal hernia, increasingly uncomfortable at work."}};

    /** Answers counted per interval of this many seconds: a rate still rising shows a JVM still compiling. */
    static final int INTERVAL_SECONDS = 5;

    record Result(int count, int created, int failed, double seconds, List<Long> latenciesMillis,
            List<Integer> createdPerInterval) {
    }

    /**
     * @param minimal whether each request asks for no resource in the answer ({@code Prefer: return=minimal}), as a
     *        sender that keeps only the Location would
     */
    Result post(String baseUrl, String user, String password, String runId, int count, int threads, boolean minimal)
            throws Exception {
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
        AtomicInteger created = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicIntegerArray perInterval = new AtomicIntegerArray(4_096);
        URI target = URI.create(baseUrl);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    SyntheticData data = new SyntheticData(runId.hashCode() * 17L + thread);
                    try (KeptAliveConnection connection = new KeptAliveConnection(target.getHost(), target.getPort(),
                            "/fhir/r4/ServiceRequest", headers(authorization, minimal))) {
                        for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                            byte[] body = referral(runId, n, data).getBytes(StandardCharsets.UTF_8);
                            long sent = System.nanoTime();
                            try {
                                int status = connection.post(body);
                                long answered = System.nanoTime();
                                latencies.add((answered - sent) / 1_000_000);
                                if (status == 201) {
                                    created.incrementAndGet();
                                    perInterval.incrementAndGet(interval(started, answered, perInterval.length()));
                                } else {
                                    failed.incrementAndGet();
                                }
                            } catch (IOException unanswered) {
                                // the node went away (ops/cluster/two-nodes.sh kills one): counted, the run carries on
                                failed.incrementAndGet();
                            }
                        }
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
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(count, created.get(), failed.get(), seconds, latencies, rates(perInterval, seconds));
    }

    private static int interval(long started, long answered, int intervals) {
        return (int) Math.min(intervals - 1, (answered - started) / 1_000_000_000L / INTERVAL_SECONDS);
    }

    /** Referrals created per second in each whole interval of the run (the last, partial one left out). */
    private static List<Integer> rates(AtomicIntegerArray perInterval, double seconds) {
        int whole = (int) Math.min(perInterval.length(), seconds / INTERVAL_SECONDS);
        List<Integer> rates = new ArrayList<>(whole);
        for (int i = 0; i < whole; i++) {
            rates.add(Math.round(perInterval.get(i) / (float) INTERVAL_SECONDS));
        }
        return rates;
    }

    private static String[] headers(String authorization, boolean minimal) {
        String[] always = {"Content-Type: application/fhir+json", "Authorization: " + authorization};
        if (!minimal) {
            return always;
        }
        return new String[] {always[0], always[1], "Prefer: return=minimal"};
    }

    /** A unique UBRN per run and number: the run id's digits then the sequence number. */
    static String ubrn(String runId, int n) {
        long prefix = Math.abs((long) runId.hashCode()) % 1_000_000;
        return String.format("%06d%06d", prefix, n);
    }

    static String referral(String runId, int n, SyntheticData data) {
        return referral(runId, n, data.patient());
    }

    static String referral(String runId, int n, SyntheticPatient patient) {
        String[] specialty = SPECIALTIES[n % SPECIALTIES.length];
        return """
                {"resourceType":"ServiceRequest",
                 "contained":[
                  {"resourceType":"Patient","id":"patient",
                   "identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],
                   "name":[{"family":"%s","given":["%s"]}],
                   "telecom":[{"system":"phone","use":"mobile","value":"%s"}],
                   "birthDate":"%s",
                   "address":[{"line":["%s"],"city":"%s","postalCode":"%s"}]},
                  {"resourceType":"PractitionerRole","id":"referrer","practitioner":{"display":"Dr Benchmark"},
                   "organization":{"identifier":{"system":"https://fhir.nhs.uk/Id/ods-organization-code","value":"%s"}}}],
                 "identifier":[{"system":"https://fhir.nhs.uk/Id/UBRN","value":"%s"}],
                 "status":"active","intent":"order","priority":"routine",
                 "code":{"coding":[{"system":"https://fhir.nhs.uk/CodeSystem/eRS-Specialty","code":"%s","display":"%s"}]},
                 "subject":{"reference":"#patient"},
                 "requester":{"reference":"#referrer"},
                 "reasonCode":[{"text":"%s"}],
                 "note":[{"text":"%s Synthetic referral %d of %s."}]}
                """.formatted(patient.nhsNumber().value(), patient.familyName(), patient.givenName(),
                patient.mobile(), patient.birthDate(), patient.addressLine(), patient.town(), patient.postcode(),
                patient.gpPracticeOds(), ubrn(runId, n), specialty[0], specialty[1], specialty[2], specialty[2], n,
                runId);
    }

    static Map<String, Object> percentiles(List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return Map.of();
        }
        return Map.of("p50", pick(sorted, 50), "p95", pick(sorted, 95), "p99", pick(sorted, 99),
                "max", sorted[sorted.length - 1]);
    }

    private static long pick(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
