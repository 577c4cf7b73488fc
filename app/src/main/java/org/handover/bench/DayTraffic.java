package org.handover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.handover.adt.MllpConnection;
import org.handover.domain.SyntheticData;

/**
 * The outside world's side of a national day, through Handover's real entry points: GP systems post FHIR referrals,
 * the PAS sends A01 + A03 over MLLP (each discharge starts transfer of care, Discharge to Assess and the FFT
 * question), outpatient and emergency systems post FFT encounters, and ward systems post CHC referrals. Each arrival
 * has its own synthetic patient (999-prefixed NHS number, mobile of its own, so that a patient's reply finds one
 * conversation).
 */
final class DayTraffic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String appBase;
    private final String runId;
    private final NationalDayMix mix;
    private final DayEvents events;
    private final List<String> nhsNumbers;
    private final String mllpHost;
    private final int mllpPort;
    private final BlockingQueue<MllpConnection> pas = new LinkedBlockingQueue<>();
    private final List<MllpConnection> opened = new ArrayList<>();
    private final ThreadLocal<SyntheticData> gps;
    private final int firstPatient;

    /**
     * @param firstPatient the number of this traffic's first synthetic patient: a warm-up before the day needs
     *                     patients of its own, or the day's would be "asked recently" and skipped by the FFT rules
     */
    DayTraffic(String appBase, String mllpHost, int mllpPort, String runId, NationalDayMix mix, DayEvents events,
            int firstPatient) {
        this.appBase = appBase;
        this.firstPatient = firstPatient;
        this.runId = runId;
        this.mix = mix;
        this.events = events;
        this.mllpHost = mllpHost;
        this.mllpPort = mllpPort;
        this.nhsNumbers = FftLoad.nhsNumbers(firstPatient + patients(mix));
        this.gps = ThreadLocal.withInitial(() -> new SyntheticData(runId.hashCode() * 31L + Thread.currentThread().getId()));
    }

    /** The synthetic patients a mix's traffic needs (referrals bring their own). */
    static int patients(NationalDayMix mix) {
        return mix.discharges() + mix.fftEncounters() + mix.chcReferrals();
    }

    /** Business keys: the UBRN, the episode (visit) number, the FFT encounter id, the CHC referral id. */
    String key(DaySchedule.Arrival arrival) {
        return switch (arrival.flow()) {
            case REFERRAL -> ReferralLoad.ubrn(runId, arrival.index());
            case DISCHARGE -> runId.toUpperCase() + "-D" + arrival.index();
            case FFT -> runId + "-F" + arrival.index();
            case CHC -> runId + "-C" + arrival.index();
        };
    }

    /** Sends one arrival and records the answer; never throws (a failure is a refusal, counted). */
    void send(DaySchedule.Arrival arrival, long dueAtMillis) {
        String key = key(arrival);
        events.sending(arrival.flow(), key, dueAtMillis, System.currentTimeMillis());
        boolean ok;
        try {
            ok = switch (arrival.flow()) {
                case REFERRAL -> post("/fhir/r4/ServiceRequest", "application/fhir+json",
                        ReferralLoad.referral(runId, arrival.index(), gps.get()), 201) != null;
                case DISCHARGE -> discharge(arrival.index(), key);
                case FFT -> post("/api/fft/encounters", "application/json", encounter(arrival.index(), key),
                        201) != null;
                case CHC -> chc(arrival.index(), key);
            };
        } catch (Exception e) {
            ok = false;
        }
        if (ok) {
            events.accepted(arrival.flow(), dueAtMillis, System.currentTimeMillis());
        } else {
            events.countRefused(arrival.flow());
        }
    }

    private int patient(DayFlow flow, int index) {
        return firstPatient + switch (flow) {
            case DISCHARGE -> index;
            case FFT -> mix.discharges() + index;
            case CHC -> mix.discharges() + mix.fftEncounters() + index;
            case REFERRAL -> throw new IllegalArgumentException("referrals bring their own patients");
        };
    }

    private boolean discharge(int index, String episode) throws InterruptedException {
        int patient = patient(DayFlow.DISCHARGE, index);
        String nhs = nhsNumbers.get(patient);
        String mobile = "0" + FftLoad.mobile(patient).substring(3);
        LocalDateTime now = LocalDateTime.now();
        MllpConnection connection = connection();
        boolean healthy = false;
        try {
            boolean admitted = "AA".equals(MllpConnection.code(connection.send(AdtDischargeLoad.message("A01",
                    "ADT_A01", episode + "-1", nhs, mobile, episode, now.minusDays(3), null, ""))));
            boolean discharged = admitted && "AA".equals(MllpConnection.code(connection.send(
                    AdtDischargeLoad.message("A03", "ADT_A03", episode + "-3", nhs, mobile, episode, now.minusDays(3),
                            now, AdtDischargeLoad.dischargeFacts(index % 2 == 0)))));
            healthy = true;
            return discharged;
        } finally {
            if (healthy) {
                pas.add(connection);
            } else {
                connection.close();
            }
        }
    }

    /** A connection of the PAS's pool, or a new one (a PAS keeps a few open and reconnects after a failure). */
    private MllpConnection connection() {
        MllpConnection connection = pas.poll();
        if (connection != null) {
            return connection;
        }
        connection = new MllpConnection(mllpHost, mllpPort);
        synchronized (opened) {
            opened.add(connection);
        }
        return connection;
    }

    private String encounter(int index, String encounterId) {
        int patient = patient(DayFlow.FFT, index);
        String setting = index % 3 == 0 ? "EMERGENCY_DEPARTMENT" : "OUTPATIENT";
        return """
                {"encounterId":"%s","nhsNumber":"%s","birthDate":"1960-05-01","mobile":"%s","setting":"%s",
                 "siteCode":"RX101","ward":"Clinic %d","endedAt":"%s"}""".formatted(encounterId,
                nhsNumbers.get(patient), FftLoad.mobile(patient), setting, index % 10, Instant.now());
    }

    private boolean chc(int index, String referralId) throws IOException, InterruptedException {
        String nhs = nhsNumbers.get(patient(DayFlow.CHC, index));
        String body = """
                {"referralId":"%s","patient":{"nhsNumber":"%s","name":"Day Patient","birthDate":"1940-01-01",
                 "gpPracticeOds":"A81001","councilCode":"LA-STOCKPORT","ward":"Ward %d"},
                 "referrer":{"name":"Ward nurse","organisation":"RX1"},"reason":"Needs reviewed before discharge"}
                """.formatted(referralId, nhs, index % 20 + 1);
        String answer = post("/api/chc/referrals", "application/json", body, 201);
        if (answer == null) {
            return false;
        }
        JsonNode caseId = JSON.readTree(answer).get("caseId");
        if (caseId != null) {
            events.alias(referralId, caseId.asText());
        }
        return true;
    }

    /** POSTs as the integration user; the answer's body when the status is the one expected, else null. */
    private String post(String path, String type, String body, int expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(appBase + path))
                .header("Content-Type", type)
                .header("Authorization", FftLoad.basic("integration"))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == expected ? response.body() : null;
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(MllpConnection::close);
        }
    }
}
