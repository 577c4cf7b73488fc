package org.handover.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the national day's load generator did, kept in memory: each arrival's business key and the time it was due
 * (the event's time: latencies count from it, so time spent queued behind a slow answer is counted too), what each
 * flow sent and had accepted, and what the staff and the patients did.
 */
final class DayEvents {

    record Event(DayFlow flow, long dueAtMillis) {
    }

    private final Map<String, Event> byKey = new ConcurrentHashMap<>();
    private final Map<DayFlow, AtomicInteger> sent = counters();
    private final Map<DayFlow, AtomicInteger> accepted = counters();
    private final Map<DayFlow, AtomicInteger> refused = counters();
    private final Map<DayFlow, ConcurrentLinkedQueue<Long>> acceptedAt = new EnumMap<>(DayFlow.class);
    private final Map<DayFlow, ConcurrentLinkedQueue<Long>> answerMillis = new EnumMap<>(DayFlow.class);
    private final Map<String, AtomicInteger> staffDone = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> staffRefused = new ConcurrentHashMap<>();
    private final AtomicLong maxBehindMillis = new AtomicLong();

    DayEvents() {
        for (DayFlow flow : DayFlow.values()) {
            acceptedAt.put(flow, new ConcurrentLinkedQueue<>());
            answerMillis.put(flow, new ConcurrentLinkedQueue<>());
        }
    }

    void sending(DayFlow flow, String key, long dueAtMillis, long nowMillis) {
        byKey.put(key, new Event(flow, dueAtMillis));
        sent.get(flow).incrementAndGet();
        maxBehindMillis.accumulateAndGet(nowMillis - dueAtMillis, Math::max);
    }

    /** Another key for the same event (a CHC case id learnt from the answer). */
    void alias(String key, String otherKey) {
        Event event = byKey.get(key);
        if (event != null) {
            byKey.put(otherKey, event);
        }
    }

    void accepted(DayFlow flow, long dueAtMillis, long answeredAtMillis) {
        accepted.get(flow).incrementAndGet();
        acceptedAt.get(flow).add(answeredAtMillis);
        answerMillis.get(flow).add(answeredAtMillis - dueAtMillis);
    }

    void countRefused(DayFlow flow) {
        refused.get(flow).incrementAndGet();
    }

    void countStaffDone(String what) {
        staffDone.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    void countStaffRefused(String what) {
        staffRefused.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    Optional<Event> event(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
    }

    int sent(DayFlow flow) {
        return sent.get(flow).get();
    }

    int accepted(DayFlow flow) {
        return accepted.get(flow).get();
    }

    /** Arrivals accepted, all flows. */
    int acceptedArrivals() {
        int arrivals = 0;
        for (DayFlow flow : DayFlow.values()) {
            arrivals += accepted(flow);
        }
        return arrivals;
    }

    int refused(DayFlow flow) {
        return refused.get(flow).get();
    }

    int staffDone(String what) {
        AtomicInteger n = staffDone.get(what);
        return n == null ? 0 : n.get();
    }

    /** What the staff and patients had done so far, to count the day's apart from the warm-up's. */
    Map<String, Integer> staffDoneSnapshot() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        staffDone.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    Map<String, Integer> staffRefusals() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        staffRefused.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    List<Long> acceptedAt(DayFlow flow) {
        return new ArrayList<>(acceptedAt.get(flow));
    }

    List<Long> answerMillis(DayFlow flow) {
        return new ArrayList<>(answerMillis.get(flow));
    }

    long maxBehindMillis() {
        return maxBehindMillis.get();
    }

    private static Map<DayFlow, AtomicInteger> counters() {
        Map<DayFlow, AtomicInteger> counters = new EnumMap<>(DayFlow.class);
        for (DayFlow flow : DayFlow.values()) {
            counters.put(flow, new AtomicInteger());
        }
        return counters;
    }
}
