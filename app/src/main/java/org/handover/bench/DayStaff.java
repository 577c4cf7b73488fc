package org.handover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.handover.processes.chc.ChcProcess;
import org.handover.processes.discharge.DischargeToAssessProcess;
import org.handover.processes.discharge.DischargeToAssessProcess.Variables;
import org.handover.processes.referral.ReferralProcess;
import org.handover.processes.transfer.TransferOfCareProcess;

/**
 * The people of a national day: consultants triage referrals, booking administrators book them, ward administrators
 * complete discharge summaries, discharge coordinators confirm Discharge to Assess pathways and CHC coordinators
 * complete Checklists, each as its sandbox user through {@code /engine-rest} (HTTP Basic, Camunda's authorizations
 * for the user's groups); and the patients answer the FFT texts on their phones (the sandbox phones in the
 * simulators' JVM, so the reply reaches Handover as deliver_sm). Each kind of work has its own threads polling for
 * what there is to do, as people working a queue would.
 */
final class DayStaff implements AutoCloseable {

    static final String TRIAGE = ReferralProcess.Elements.TRIAGE;
    static final String BOOK = ReferralProcess.Elements.BOOK;
    static final String SUMMARY = TransferOfCareProcess.Elements.COMPLETE_SUMMARY;
    static final String CONFIRM_PATHWAY = DischargeToAssessProcess.Elements.CONFIRM;
    static final String CHECKLIST = ChcProcess.Elements.CHECKLIST;
    static final String ANSWER = "fft answer";
    static final String COMMENT = "fft comment";
    static final List<String> TASKS = List.of(TRIAGE, BOOK, SUMMARY, CONFIRM_PATHWAY, CHECKLIST);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REVIEW = DischargeToAssessProcess.Pathways.NEEDS_REVIEW;
    private static final int THREADS_PER_QUEUE = 2;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String appBase;
    private final String outsideBase;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final DayEvents events;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> replied = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    DayStaff(String appBase, String outsideBase, String jdbcUrl, String jdbcUser, String jdbcPassword,
            DayEvents events) {
        this.appBase = appBase;
        this.outsideBase = outsideBase;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.events = events;
    }

    void start() {
        queue("consultant", TRIAGE, task -> Map.of(ReferralProcess.Variables.TRIAGE_OUTCOME,
                ReferralProcess.Outcomes.ACCEPT,
                ReferralProcess.Variables.TRIAGE_COMMENT, "Accepted: routine clinic, no investigations needed first."));
        queue("bookingadmin", BOOK, task -> Map.of(ReferralProcess.Variables.APPOINTMENT_CLINIC, "General clinic",
                ReferralProcess.Variables.APPOINTMENT_START, LocalDateTime.now(ZoneId.of("Europe/London"))
                        .plusDays(14).truncatedTo(ChronoUnit.HOURS).withHour(9).toString(),
                ReferralProcess.Variables.APPOINTMENT_LOCATION, "Outpatients, level 2"));
        queue("wardadmin", SUMMARY, task -> TransferOfCareBenchController.SUMMARY);
        queue("dischargecoordinator", CONFIRM_PATHWAY, this::pathway);
        queue("chccoordinator", CHECKLIST, DayStaff::checklist);
        Thread phones = new Thread(this::phones, "day-phones");
        phones.setDaemon(true);
        threads.add(phones);
        phones.start();
    }

    private void queue(String user, String taskKey, Function<String, Map<String, Object>> decision) {
        for (int t = 0; t < THREADS_PER_QUEUE; t++) {
            int share = t;
            Thread worker = new Thread(() -> work(user, taskKey, decision, share), "day-" + user + "-" + t);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    /** Completes the open tasks of one kind that fall to this thread's share, oldest first, until stopped. */
    private void work(String user, String taskKey, Function<String, Map<String, Object>> decision, int share) {
        while (running) {
            int done = 0;
            try {
                JsonNode tasks = JSON.readTree(get(user, "/engine-rest/task?taskDefinitionKey=" + taskKey
                        + "&sortBy=created&sortOrder=asc&maxResults=100"));
                for (JsonNode task : tasks) {
                    String id = task.get("id").asText();
                    if (!running || Math.floorMod(id.hashCode(), THREADS_PER_QUEUE) != share) {
                        continue;
                    }
                    int status = post(user, "/engine-rest/task/" + id + "/complete",
                            JSON.writeValueAsString(Map.of("variables", typed(decision.apply(id)))));
                    if (status == 204) {
                        events.countStaffDone(taskKey);
                        done++;
                    } else {
                        events.countStaffRefused(taskKey + " " + status);
                    }
                }
            } catch (Exception e) {
                events.countStaffRefused(taskKey + " " + e.getClass().getSimpleName());
            }
            if (done == 0) {
                pause(500);
            }
        }
    }

    /** The proposal confirmed; a proposal under review, or without a council, as pathway 1 in Stockport. */
    private Map<String, Object> pathway(String taskId) {
        Map<String, Object> decision = new LinkedHashMap<>();
        try {
            JsonNode variables = JSON.readTree(get("dischargecoordinator", "/engine-rest/task/" + taskId
                    + "/variables?variableNames=" + Variables.PROPOSED_PATHWAY + "," + Variables.COUNCIL_CODE
                    + "&deserializeValues=false"));
            String proposed = variables.path(Variables.PROPOSED_PATHWAY).path("value").asText(REVIEW);
            JsonNode council = variables.path(Variables.COUNCIL_CODE).path("value");
            if (REVIEW.equals(proposed) || council.isMissingNode() || council.isNull()) {
                decision.put(Variables.PATHWAY,
                        REVIEW.equals(proposed) ? DischargeToAssessProcess.Pathways.HOME_WITH_SUPPORT : proposed);
                decision.put(Variables.PATHWAY_CHANGE_REASON, "Reviewed with the patient and family on the ward");
                decision.put(Variables.COUNCIL_CODE, "LA-STOCKPORT");
            }
        } catch (Exception e) {
            events.countStaffRefused(CONFIRM_PATHWAY + " variables " + e.getClass().getSimpleName());
        }
        return decision;
    }

    /** All C (negative: letters to the patient, the GP and the council); one in five positive (two A: to the ICB). */
    static Map<String, Object> checklist(String taskId) {
        boolean positive = Math.floorMod(taskId.hashCode(), 5) == 0;
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(ChcProcess.Variables.CHECKLIST_ASSESSOR, "Day nurse, discharge team");
        for (String domain : ChcProcess.CHECKLIST_DOMAINS) {
            boolean a = positive && (domain.equals("Breathing") || domain.equals("Nutrition"));
            values.put(ChcProcess.Variables.checklistLevel(domain), a ? "A" : "C");
            values.put(ChcProcess.Variables.checklistEvidence(domain),
                    "Observed on the ward and discussed with the family.");
        }
        return values;
    }

    private static Map<String, Object> typed(Map<String, Object> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
        return typed;
    }

    /**
     * The patients: each answers the question once it has reached their phone (the receipt is in), and comments
     * once asked why. Reads the application's database as a stand-in for the phones' screens, one query a second.
     */
    private void phones() {
        while (running) {
            List<String[]> due = new ArrayList<>();
            try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
                    Statement query = db.createStatement()) {
                while (running) {
                    due.clear();
                    try (ResultSet rs = query.executeQuery("""
                            /* national-day */ select id, mobile, state from fft_conversation
                            where (state = 'AWAITING_ANSWER' and delivery_status = 'DELIVERED')
                               or state = 'AWAITING_COMMENT'""")) {
                        while (rs.next()) {
                            due.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                        }
                    }
                    for (String[] conversation : due) {
                        reply(conversation[0], conversation[1], conversation[2]);
                    }
                    pause(1000);
                }
            } catch (Exception e) {
                events.countStaffRefused("phones " + e.getClass().getSimpleName());
                pause(1000);
            }
        }
    }

    private void reply(String conversation, String mobile, String state) {
        boolean answer = state.equals("AWAITING_ANSWER");
        if (!running || !replied.add(conversation + "|" + state)) {
            return;
        }
        String text = answer ? Integer.toString(1 + Math.floorMod(conversation.hashCode(), 6))
                : "The nurses were kind and explained everything.";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(outsideBase + "/sandbox/api/phones/"
                            + URLEncoder.encode(mobile, StandardCharsets.UTF_8) + "/replies"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", FftLoad.basic("admin"))
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", text))))
                    .build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 202) {
                events.countStaffDone(answer ? ANSWER : COMMENT);
            } else {
                replied.remove(conversation + "|" + state);
                events.countStaffRefused((answer ? ANSWER : COMMENT) + " " + status);
            }
        } catch (Exception e) {
            replied.remove(conversation + "|" + state);
            events.countStaffRefused((answer ? ANSWER : COMMENT) + " " + e.getClass().getSimpleName());
        }
    }

    private String get(String user, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(appBase + path))
                .header("Authorization", FftLoad.basic(user))
                .timeout(Duration.ofMinutes(5))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private int post(String user, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(appBase + path))
                .header("Content-Type", "application/json")
                .header("Authorization", FftLoad.basic(user))
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
