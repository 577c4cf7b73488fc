package org.handover.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.handover.domain.NhsNumber;
import org.handover.sandbox.SandboxPhones;

/**
 * Drives FFT conversations from outside, as the sources and the patients would: encounters posted to
 * {@code /api/fft/encounters} over HTTP, and the patients' answers and comments typed on the sandbox phones (so they
 * travel back through the SMPP message centre as deliver_sm). Each runs on one of {@code threads} client threads.
 */
class FftLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final int firstPatient;

    /** @param firstPatient the number of the first synthetic patient: runs on one database need different ones */
    FftLoad(String baseUrl, int firstPatient) {
        this.baseUrl = baseUrl;
        this.firstPatient = firstPatient;
    }

    /**
     * Posts the encounters, {@code perRequest} to a request (one as a JSON object, several as a JSON array).
     *
     * @return how many encounters were not accepted
     */
    int encounters(String runId, int count, int perRequest, int threads, String user) throws Exception {
        String endedAt = Instant.now().minus(Duration.ofHours(2)).toString();
        List<String> nhsNumbers = nhsNumbers(firstPatient + count).subList(firstPatient, firstPatient + count);
        IntFunction<String> encounter = n -> """
                {"encounterId":"%s-%d","nhsNumber":"%s","birthDate":"1960-05-01","mobile":"%s","setting":"INPATIENT",
                 "siteCode":"RX101","ward":"Bench ward %d","endedAt":"%s"}""".formatted(runId, n, nhsNumbers.get(n),
                mobile(firstPatient + n), n % 10, endedAt);
        if (perRequest == 1) {
            return run(count, threads, user, n -> request("/api/fft/encounters", encounter.apply(n)), 201);
        }
        int requests = (count + perRequest - 1) / perRequest;
        int failedRequests = run(requests, threads, user, r -> request("/api/fft/encounters", IntStream
                .range(r * perRequest, Math.min(count, (r + 1) * perRequest)).mapToObj(encounter)
                .collect(Collectors.joining(",", "[", "]"))), 200);
        return failedRequests * perRequest;
    }

    /** The application's {@code /api/admin/bench/fft/progress} for the run. */
    Map<String, Long> progress(String runId, boolean exact) throws Exception {
        return JSON.readValue(get("/api/admin/bench/fft/progress?runId=" + runId + "&exact=" + exact),
                new TypeReference<Map<String, Long>>() {
                });
    }

    /** The application's {@code /api/admin/bench/fft/statements}; empty from a build without it. */
    Map<String, Object> statements() throws Exception {
        try {
            return JSON.readValue(get("/api/admin/bench/fft/statements"), new TypeReference<Map<String, Object>>() {
            });
        } catch (IllegalStateException olderBuild) {
            return Map.of();
        }
    }

    private String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", basic("admin"))
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * The patients type their replies on the sandbox phones, in this JVM: the phone and its network are the outside
     * world, and an HTTP call to the sandbox API per reply cost more than Handover's own handling of it. The reply
     * still reaches Handover through its real entry point (deliver_sm from the message centre, or Notify's callback).
     *
     * @return how many replies the phones refused
     */
    int replies(SandboxPhones phones, int count, int threads, IntFunction<String> text) throws Exception {
        return inParallel(count, threads, n -> {
            phones.reply(mobile(firstPatient + n), text.apply(n));
            return true;
        });
    }

    static String mobile(int n) {
        return "+4477" + String.format("%08d", n);
    }

    /** Distinct synthetic (999-prefixed) NHS numbers, so that no patient is "asked recently" by another. */
    static List<String> nhsNumbers(int count) {
        if (count > 900_000) {
            throw new IllegalArgumentException("at most 900,000 synthetic NHS numbers");
        }
        List<String> numbers = new ArrayList<>(count);
        for (int candidate = 0; numbers.size() < count; candidate++) {
            NhsNumber.withCheckDigit("999" + String.format("%06d", candidate)).ifPresent(n -> numbers.add(n.value()));
        }
        return numbers;
    }

    private record Call(String path, String body) {
    }

    private static Call request(String path, String body) {
        return new Call(path, body);
    }

    private int run(int count, int threads, String user, IntFunction<Call> calls, int expected) throws Exception {
        String authorization = basic(user);
        return inParallel(count, threads, n -> {
            Call call = calls.apply(n);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(call.body()))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == expected;
        });
    }

    /** HTTP Basic for a sandbox user, whose password is its name. */
    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** A step that succeeded or not; may throw (a failure too). */
    private interface Step {
        boolean run(int n) throws Exception;
    }

    /** Steps 0..count-1 on {@code threads} threads; returns how many failed. */
    private static int inParallel(int count, int threads, Step step) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        try {
                            if (!step.run(n)) {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return failed.get();
    }
}
