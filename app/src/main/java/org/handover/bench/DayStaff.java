package org.handover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
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
 * simulators' JVM, so the reply reaches Handover as deliver_sm). England has thousands of each working at once, so
 * each kind of task has as many people as its busiest hour needs ({@link StaffQueue}), and every patient answers on
 * their own phone without waiting for another's: the people must never be what limits the day, and the report says
 * when they were.
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

    /** A completion under load has taken seconds to answer; the people are sized for that, not for a quiet day. */
    static final double SECONDS_A_COMPLETION_MAY_TAKE = 2.0;
    static final int MOST_PEOPLE_PER_QUEUE = 48;
    /** The people were the bottleneck when all of a queue's were busy at once for longer than this. */
    static final double BEHIND_AFTER_SECONDS = 5.0;
    private static final int PHONES_AT_ONCE = 256;
    private static final long PHONES_LOOK_MILLIS = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REVIEW = DischargeToAssessProcess.Pathways.NEEDS_REVIEW;

    private final StaffHttp http = new StaffHttp();
    private final String appBase;
    private final String outsideBase;
    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final DayEvents events;
    private final List<StaffQueue> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> replied = ConcurrentHashMap.newKeySet();
    private final Semaphore phonesFree = new Semaphore(PHONES_AT_ONCE);
    private final ConcurrentLinkedQueue<Long> replyMillis = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    DayStaff(String appBase, String outsideBase, String jdbcUrl, String jdbcUser, String jdbcPassword,
            DayEvents events, NationalDayMix mix, int runSeconds) {
        this.appBase = appBase;
        this.outsideBase = outsideBase;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.events = events;
        queue("consultant", TRIAGE, people(DayFlow.REFERRAL, mix, runSeconds),
                task -> CompletableFuture.completedFuture(triage()));
        queue("bookingadmin", BOOK, people(DayFlow.REFERRAL, mix, runSeconds),
                task -> CompletableFuture.completedFuture(booking()));
        queue("wardadmin", SUMMARY, people(DayFlow.DISCHARGE, mix, runSeconds),
                task -> CompletableFuture.completedFuture(TransferOfCareBenchController.SUMMARY));
        queue("dischargecoordinator", CONFIRM_PATHWAY, people(DayFlow.DISCHARGE, mix, runSeconds), this::pathway);
        queue("chccoordinator", CHECKLIST, people(DayFlow.CHC, mix, runSeconds),
                task -> CompletableFuture.completedFuture(checklist(task)));
    }

    private static int people(DayFlow flow, NationalDayMix mix, int runSeconds) {
        return StaffQueue.peopleFor(flow.peakPerSecond(mix.count(flow), runSeconds), SECONDS_A_COMPLETION_MAY_TAKE,
                MOST_PEOPLE_PER_QUEUE);
    }

    private void queue(String user, String taskKey, int people, StaffQueue.Decision decision) {
        queues.add(new StaffQueue(user, taskKey, appBase, people, decision, http, events));
    }

    /** Each kind of person looks at their queue once before the day (not measured). */
    void warmUp() {
        queues.forEach(StaffQueue::warmUp);
    }

    void start() {
        running = true;
        for (StaffQueue queue : queues) {
            daemon("day-" + queue.taskKey(), () -> queue.work(() -> running));
        }
        daemon("day-phones", this::phones);
    }

    private void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    static Map<String, Object> triage() {
        return Map.of(ReferralProcess.Variables.TRIAGE_OUTCOME, ReferralProcess.Outcomes.ACCEPT,
                ReferralProcess.Variables.TRIAGE_COMMENT, "Accepted: routine clinic, no investigations needed first.");
    }

    static Map<String, Object> booking() {
        return Map.of(ReferralProcess.Variables.APPOINTMENT_CLINIC, "General clinic",
                ReferralProcess.Variables.APPOINTMENT_START, LocalDateTime.now(ZoneId.of("Europe/London"))
                        .plusDays(14).truncatedTo(ChronoUnit.HOURS).withHour(9).toString(),
                ReferralProcess.Variables.APPOINTMENT_LOCATION, "Outpatients, level 2");
    }

    /** The proposal confirmed; a proposal under review, or without a council, as pathway 1 in Stockport. */
    private CompletableFuture<Map<String, Object>> pathway(String taskId) {
        return http.get("dischargecoordinator", appBase + "/engine-rest/task/" + taskId + "/variables?variableNames="
                        + Variables.PROPOSED_PATHWAY + "," + Variables.COUNCIL_CODE + "&deserializeValues=false")
                .thenApply(DayStaff::pathwayDecision)
                .exceptionally(e -> {
                    events.countStaffRefused(CONFIRM_PATHWAY + " variables " + e.getClass().getSimpleName());
                    return Map.of();
                });
    }

    private static Map<String, Object> pathwayDecision(String variablesJson) {
        Map<String, Object> decision = new LinkedHashMap<>();
        JsonNode variables;
        try {
            variables = JSON.readTree(variablesJson);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String proposed = variables.path(Variables.PROPOSED_PATHWAY).path("value").asText(REVIEW);
        JsonNode council = variables.path(Variables.COUNCIL_CODE).path("value");
        if (REVIEW.equals(proposed) || council.isMissingNode() || council.isNull()) {
            decision.put(Variables.PATHWAY,
                    REVIEW.equals(proposed) ? DischargeToAssessProcess.Pathways.HOME_WITH_SUPPORT : proposed);
            decision.put(Variables.PATHWAY_CHANGE_REASON, "Reviewed with the patient and family on the ward");
            decision.put(Variables.COUNCIL_CODE, "LA-STOCKPORT");
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

    /**
     * The patients: each answers the question once it has reached their phone (the receipt is in), and comments
     * once asked why, every one on their own phone at once. Reads the application's database as a stand-in for the
     * phones' screens, twice a second.
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
                    pause(PHONES_LOOK_MILLIS);
                }
            } catch (Exception e) {
                events.countStaffRefused("phones " + e.getClass().getSimpleName());
                pause(1000);
            }
        }
    }

    private void reply(String conversation, String mobile, String state) {
        boolean answer = state.equals("AWAITING_ANSWER");
        String what = answer ? ANSWER : COMMENT;
        if (!running || !replied.add(conversation + "|" + state)) {
            return;
        }
        if (!phonesFree.tryAcquire()) {
            replied.remove(conversation + "|" + state);
            return;
        }
        String text = answer ? Integer.toString(1 + Math.floorMod(conversation.hashCode(), 6))
                : "The nurses were kind and explained everything.";
        long started = System.currentTimeMillis();
        String json;
        try {
            json = JSON.writeValueAsString(Map.of("text", text));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        http.post("admin", outsideBase + "/sandbox/api/phones/" + URLEncoder.encode(mobile, StandardCharsets.UTF_8)
                + "/replies", json).whenComplete((status, failure) -> {
                    replyMillis.add(System.currentTimeMillis() - started);
                    if (failure == null && status == 202) {
                        events.countStaffDone(what);
                    } else {
                        replied.remove(conversation + "|" + state);
                        events.countStaffRefused(what + " " + (failure == null ? status
                                : failure.getClass().getSimpleName()));
                    }
                    phonesFree.release();
                });
    }

    /** The people's figures under section {@code staff}, and whether they, not Handover, were what limited. */
    void report(DayReport report) {
        for (StaffQueue queue : queues) {
            queue.report(report);
        }
        report.latency("staff", "patients", "reply answered in", List.copyOf(replyMillis));
        List<String> behind = behind();
        report.add("staff", "all", "people fell behind (all of a queue busy over " + BEHIND_AFTER_SECONDS + " s)",
                behind.isEmpty() ? "no" : String.join("; ", behind), "");
    }

    /** The queues whose people were all busy at once for longer than {@link #BEHIND_AFTER_SECONDS}. */
    List<String> behind() {
        List<String> behind = new ArrayList<>();
        for (StaffQueue queue : queues) {
            if (queue.fellBehind(BEHIND_AFTER_SECONDS)) {
                behind.add(queue.taskKey() + " all " + queue.people() + " busy for " + queue.allBusySeconds() + " s");
            }
        }
        return behind;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The people and patients stop looking (for the idle cost after the warm-up); {@link #start} again after. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        threads.clear();
    }

    /** From here the figures are the measured day's: the warm-up's waits and answers are forgotten. */
    void startMeasuring() {
        queues.forEach(StaffQueue::startMeasuring);
        replyMillis.clear();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
