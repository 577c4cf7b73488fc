package org.handover.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reconciliation ops/faults/inject.sh prints after each fault, as a judgement over facts read elsewhere (the
 * node's database and what the simulators received), so that the judgement itself can be tested on crafted facts.
 * A fault must leave nothing lost, nothing twice as the receiver sees it, every refused input answered and
 * quarantined, every process in a state it may be in, no incident and no job held by a dead process. Duplicates the
 * hazard log accepts (a text or mail sent again because the node died between the receiver's answer and the
 * ledger's record) are reported as a known limit, only up to the sends that were in flight when it died.
 */
final class FaultChecker {

    private static final Set<String> ACCEPTED = Set.of("SENT", "DELIVERED", "ACKNOWLEDGED", "UNDELIVERABLE");
    private static final Set<String> UNFINISHED = Set.of("PENDING", "QUEUED", "SENDING", "FAILED");
    /** Channels whose receiver cannot recognise a resend (SMPP, SMTP): the hazard log's accepted limit. */
    private static final Set<String> RESEND_BLIND = Set.of("sms", "social-care");
    static final int KEYS_SHOWN = 200;

    /** One outbox message as the ledger has it. */
    record Sent(String channel, String key, String status) {
    }

    /** One message a simulator took. */
    record Received(String channel, String key) {
    }

    /**
     * @param quarantined        rows in quarantine by source
     * @param expectedQuarantine refusals the senders were answered with, by source (sources not named: none)
     * @param resendAllowance    per channel, sends in flight when the node was killed (0 or absent: none)
     * @param jobsOverdue        jobs due over a minute ago, unlocked, with retries left: the executor stalled
     * @param fftStuck           conversations waiting past their deadline (with slack): the scheduler stalled
     * @param dispatchUnfinished acknowledged hospital events not yet handed to their processes
     */
    record Facts(List<Sent> ledger, List<Received> received, Map<String, Long> quarantined,
            Map<String, Long> expectedQuarantine, Map<String, Long> resendAllowance, long textsSent, long textsStored,
            long textsUnhandled, long incidents, long jobsLockedByTheDead, long jobsOverdue, long referralsAnswered,
            long referralsStored, long referralsAtTriage, long fftStuck, long probesStarted, long probesEnded,
            long probesFiredTwice, long dispatchUnfinished) {
    }

    record Report(List<String> lines, List<String> failures, List<String> knownLimits) {

        boolean ok() {
            return failures.isEmpty();
        }

        String text() {
            StringBuilder out = new StringBuilder();
            lines.forEach(line -> out.append(line).append('\n'));
            knownLimits.forEach(limit -> out.append("  KNOWN LIMIT: ").append(limit).append('\n'));
            failures.forEach(failure -> out.append("  FAIL: ").append(failure).append('\n'));
            out.append(ok() ? "RESULT: RECONCILED" : "RESULT: FAILED (" + failures.size() + ")").append('\n');
            return out.toString();
        }
    }

    private FaultChecker() {
    }

    static Report check(Facts facts) {
        List<String> lines = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> known = new ArrayList<>();
        outbox(facts, lines, failures, known);
        quarantine(facts, lines, failures);
        texts(facts, lines, failures);
        processes(facts, lines, failures);
        return new Report(lines, failures, known);
    }

    private static void outbox(Facts facts, List<String> lines, List<String> failures, List<String> known) {
        Map<String, Long> accepted = new HashMap<>();
        Map<String, Long> received = new HashMap<>();
        Map<String, Counts> channels = new TreeMap<>();
        for (Sent sent : facts.ledger()) {
            Counts counts = channels.computeIfAbsent(sent.channel(), c -> new Counts());
            if (ACCEPTED.contains(sent.status())) {
                accepted.merge(sent.channel() + "\t" + sent.key(), 1L, Long::sum);
                counts.accepted++;
            } else if (UNFINISHED.contains(sent.status())) {
                counts.unfinished++;
            } else {
                counts.held++;
            }
        }
        for (Received r : facts.received()) {
            received.merge(r.channel() + "\t" + r.key(), 1L, Long::sum);
            channels.computeIfAbsent(r.channel(), c -> new Counts()).received++;
        }
        List<String> examples = new ArrayList<>();
        accepted.forEach((key, n) -> {
            String channel = key.substring(0, key.indexOf('\t'));
            long got = received.getOrDefault(key, 0L);
            if (got < n) {
                channels.get(channel).lost += n - got;
                example(examples, "lost " + key);
            } else if (got > n) {
                channels.get(channel).duplicates += got - n;
                example(examples, "received twice " + key);
            }
        });
        received.forEach((key, n) -> {
            if (!accepted.containsKey(key)) {
                channels.get(key.substring(0, key.indexOf('\t'))).stray += n;
                example(examples, "received but not accepted " + key);
            }
        });
        lines.add("outbox (by channel: accepted by the receiver in the ledger / received by the simulator):");
        channels.forEach((channel, c) -> {
            lines.add(String.format("  %-12s accepted %6d  received %6d  lost %d  duplicates %d"
                    + "  received but not accepted %d  unfinished %d  dead/abandoned %d", channel, c.accepted,
                    c.received, c.lost, c.duplicates, c.stray, c.unfinished, c.held));
            if (c.lost > 0) {
                failures.add(channel + ": " + c.lost + " accepted but never received (lost)");
            }
            long allowed = RESEND_BLIND.contains(channel) ? facts.resendAllowance().getOrDefault(channel, 0L) : 0;
            if (c.duplicates > 0 && c.duplicates <= allowed) {
                known.add(channel + ": " + c.duplicates + " received twice, of " + allowed + " sends in flight when"
                        + " the node was killed (hazard log: a resend the receiver cannot recognise)");
            } else if (c.duplicates > 0) {
                failures.add(channel + ": " + c.duplicates + " received twice (" + allowed + " could be the known"
                        + " resend after a kill)");
            }
            if (c.stray > 0) {
                failures.add(channel + ": " + c.stray + " received but not recorded as accepted");
            }
            if (c.unfinished > 0) {
                failures.add(channel + ": " + c.unfinished + " still unfinished (stalled delivery)");
            }
            if (c.held > 0) {
                failures.add(channel + ": " + c.held + " dead-lettered or abandoned");
            }
        });
        examples.forEach(example -> lines.add("    " + example));
    }

    private static void quarantine(Facts facts, List<String> lines, List<String> failures) {
        Set<String> sources = new TreeSet<>(facts.quarantined().keySet());
        sources.addAll(facts.expectedQuarantine().keySet());
        if (sources.isEmpty()) {
            lines.add("quarantine: empty, no refusals expected");
        }
        for (String source : sources) {
            long kept = facts.quarantined().getOrDefault(source, 0L);
            long answered = facts.expectedQuarantine().getOrDefault(source, 0L);
            lines.add(String.format("quarantine %-20s %6d kept, %6d refusals answered", source, kept, answered));
            if (kept != answered) {
                failures.add("quarantine " + source + ": " + kept + " kept but " + answered
                        + " refusals answered to the sender");
            }
        }
    }

    private static void texts(Facts facts, List<String> lines, List<String> failures) {
        lines.add("garbled texts: " + facts.textsSent() + " sent, " + facts.textsStored() + " stored; replies not yet"
                + " handled: " + facts.textsUnhandled());
        if (facts.textsStored() != facts.textsSent()) {
            failures.add("garbled texts: " + facts.textsSent() + " sent but " + facts.textsStored() + " stored");
        }
        if (facts.textsUnhandled() > 0) {
            failures.add(facts.textsUnhandled() + " patient replies stored but not handled");
        }
    }

    private static void processes(Facts facts, List<String> lines, List<String> failures) {
        lines.add("Camunda: " + facts.incidents() + " incidents, " + facts.jobsLockedByTheDead()
                + " jobs locked past their lock time, " + facts.jobsOverdue() + " jobs overdue and not taken");
        check(facts.incidents() == 0, facts.incidents() + " incidents", failures);
        check(facts.jobsLockedByTheDead() == 0, facts.jobsLockedByTheDead() + " jobs held by a dead process", failures);
        check(facts.jobsOverdue() == 0, facts.jobsOverdue() + " jobs overdue: the job executor stalled", failures);
        lines.add("referrals: " + facts.referralsAnswered() + " answered 201/200, " + facts.referralsStored()
                + " stored, " + facts.referralsAtTriage() + " at triage");
        check(facts.referralsStored() >= facts.referralsAnswered(),
                (facts.referralsAnswered() - facts.referralsStored()) + " referrals answered but not stored", failures);
        check(facts.referralsAtTriage() == facts.referralsStored(), facts.referralsStored() + " referrals stored but "
                + facts.referralsAtTriage() + " at triage", failures);
        lines.add("timer probes: " + facts.probesStarted() + " started, " + facts.probesEnded() + " ended, "
                + facts.probesFiredTwice() + " fired twice");
        // a probe whose start was answered by a process killed right after counts as ended but not started
        check(facts.probesEnded() >= facts.probesStarted(), (facts.probesStarted() - facts.probesEnded())
                + " timer probes did not end", failures);
        check(facts.probesFiredTwice() == 0, facts.probesFiredTwice() + " timers fired twice", failures);
        lines.add("FFT conversations past their deadline: " + facts.fftStuck() + "; hospital events not dispatched: "
                + facts.dispatchUnfinished());
        check(facts.fftStuck() == 0, facts.fftStuck() + " FFT conversations stalled past their deadline", failures);
        check(facts.dispatchUnfinished() == 0, facts.dispatchUnfinished() + " hospital events not dispatched",
                failures);
    }

    private static void check(boolean ok, String failure, List<String> failures) {
        if (!ok) {
            failures.add(failure);
        }
    }

    /**
     * Every message the receivers saw twice, lost or got unrecorded is named by its key (up to {@value #KEYS_SHOWN}),
     * so that each can be followed through the logs (ops/faults/README.md does it for fault 4), not only counted.
     */
    private static void example(List<String> examples, String example) {
        if (examples.size() < KEYS_SHOWN) {
            examples.add(example);
        } else if (examples.size() == KEYS_SHOWN) {
            examples.add("(more not shown)");
        }
    }

    private static final class Counts {
        long accepted;
        long received;
        long lost;
        long duplicates;
        long stray;
        long unfinished;
        long held;
    }
}
