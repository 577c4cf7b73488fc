package org.handover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One kind of task and the people who work it, as one sandbox user through {@code /engine-rest}: one of them looks at
 * the queue (the task list filtered by the task's key, unsorted, no more rows than there are people free), and each
 * free person takes one task and completes it while the others take the next; a person waiting for Handover's answer
 * holds no thread. Keeps what the report needs to tell Handover's slowness from the people's own: how long a task
 * waited to be picked up, how long a completion took to answer, and how long every person was busy at once (the
 * people's own backlog: then they were the bottleneck).
 */
final class StaffQueue {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CAMUNDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final long QUICK_LOOK_MILLIS = 50;
    private static final long LONGEST_LOOK_MILLIS = 1_000;

    /** The work of one task: its variables from its id, found asynchronously (it may ask Handover first). */
    interface Decision extends Function<String, CompletableFuture<Map<String, Object>>> {
    }

    private final String user;
    private final String taskKey;
    private final String appBase;
    private final int people;
    private final Decision decision;
    private final StaffHttp http;
    private final DayEvents events;
    private final Semaphore free;
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    /** A list asked for before a completion committed still shows the task: completed tasks are not taken again. */
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Long> pickUpMillis = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> completionMillis = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> listMillis = new ConcurrentLinkedQueue<>();
    private final AtomicLong allBusyMillis = new AtomicLong();

    StaffQueue(String user, String taskKey, String appBase, int people, Decision decision, StaffHttp http,
            DayEvents events) {
        this.user = user;
        this.taskKey = taskKey;
        this.appBase = appBase;
        this.people = people;
        this.decision = decision;
        this.http = http;
        this.events = events;
        this.free = new Semaphore(people);
    }

    /**
     * How many people a queue needs: enough for the busiest hour's tasks per second if each completion took
     * {@code secondsEach} to answer, at least two, at most {@code most}.
     */
    static int peopleFor(double peakPerSecond, double secondsEach, int most) {
        return (int) Math.max(2, Math.min(most, Math.ceil(peakPerSecond * secondsEach)));
    }

    String taskKey() {
        return taskKey;
    }

    int people() {
        return people;
    }

    /**
     * Looks at the queue once, not measured and taking nothing: Handover builds its REST API on the first request,
     * which under load took over a minute, and the day's tasks would wait for it.
     */
    void warmUp() {
        try {
            http.get(user, appBase + "/engine-rest/task?taskDefinitionKey=" + taskKey + "&maxResults=1").get();
        } catch (Exception e) {
            events.countStaffRefused(taskKey + " warm-up " + e.getClass().getSimpleName());
        }
    }

    /** Works the queue until {@code running} says stop. */
    void work(java.util.function.BooleanSupplier running) {
        long pause = QUICK_LOOK_MILLIS;
        while (running.getAsBoolean()) {
            if (free.availablePermits() == 0) {
                sleep(QUICK_LOOK_MILLIS);
                allBusyMillis.addAndGet(QUICK_LOOK_MILLIS);
                continue;
            }
            int taken;
            try {
                taken = takeWhatIsOpen();
            } catch (Exception e) {
                events.countStaffRefused(taskKey + " list " + e.getClass().getSimpleName());
                taken = 0;
            }
            pause = taken > 0 ? QUICK_LOOK_MILLIS : Math.min(LONGEST_LOOK_MILLIS, pause * 2);
            sleep(pause);
        }
    }

    /** After {@link #work} returned: waits until no person still waits for a completion's answer. */
    void awaitAnswers(long timeoutMillis) throws InterruptedException {
        if (free.tryAcquire(people, timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            free.release(people);
        }
    }

    /** Looks at the queue once and hands each open task nobody holds to a free person; how many were taken. */
    private int takeWhatIsOpen() throws Exception {
        long asked = System.currentTimeMillis();
        JsonNode tasks = JSON.readTree(http.get(user, appBase + "/engine-rest/task?taskDefinitionKey=" + taskKey
                + "&maxResults=" + (inHand.size() + free.availablePermits())).get());
        long seen = System.currentTimeMillis();
        listMillis.add(seen - asked);
        int taken = 0;
        for (JsonNode task : tasks) {
            String id = task.get("id").asText();
            if (inHand.contains(id) || completed.contains(id)) {
                continue;
            }
            if (!free.tryAcquire()) {
                break;
            }
            inHand.add(id);
            pickUpMillis.add(seen - OffsetDateTime.parse(task.get("created").asText(), CAMUNDA_TIME).toInstant()
                    .toEpochMilli());
            complete(id);
            taken++;
        }
        return taken;
    }

    private void complete(String id) {
        long started = System.currentTimeMillis();
        decision.apply(id)
                .thenCompose(variables -> http.post(user, appBase + "/engine-rest/task/" + id + "/complete",
                        body(variables)))
                .whenComplete((status, failure) -> {
                    completionMillis.add(System.currentTimeMillis() - started);
                    if (failure == null && status == 204) {
                        completed.add(id);
                        events.countStaffDone(taskKey);
                    } else {
                        events.countStaffRefused(taskKey + " " + (failure == null ? status
                                : failure.getClass().getSimpleName()));
                    }
                    inHand.remove(id);
                    free.release();
                });
    }

    /** Forgets the waits and answers so far (the warm-up's). */
    void startMeasuring() {
        pickUpMillis.clear();
        completionMillis.clear();
        listMillis.clear();
        allBusyMillis.set(0);
    }

    /** The people's figures, as report rows under section {@code staff}. */
    void report(DayReport report) {
        report.add("staff", taskKey, "people (" + user + ")", people, "people");
        report.add("staff", taskKey, "all people busy at once", allBusyMillis.get() / 1000.0, "s");
        report.latency("staff", taskKey, "task open to picked up", List.copyOf(pickUpMillis));
        report.latency("staff", taskKey, "completion answered in", List.copyOf(completionMillis));
        report.latency("staff", taskKey, "task list answered in", List.copyOf(listMillis));
    }

    /** The people were the bottleneck: all busy at once for more than {@code seconds}. */
    boolean fellBehind(double seconds) {
        return allBusyMillis.get() > seconds * 1000;
    }

    double allBusySeconds() {
        return allBusyMillis.get() / 1000.0;
    }

    private static String body(Map<String, Object> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
        try {
            return JSON.writeValueAsString(Map.of("variables", typed));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
