package org.handover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.handover.bench.FaultChecker.Facts;
import org.handover.bench.FaultChecker.Received;
import org.handover.bench.FaultChecker.Report;
import org.handover.bench.FaultChecker.Sent;
import org.junit.jupiter.api.Test;

class FaultCheckerTest {

    private static final List<Sent> LEDGER = List.of(new Sent("gp", "m1", "ACKNOWLEDGED"), new Sent("gp", "m2", "SENT"),
            new Sent("social-care", "c1", "SENT"), new Sent("sms", "text-a", "DELIVERED"),
            new Sent("sms", "text-a", "DELIVERED"), new Sent("sms", "text-b", "UNDELIVERABLE"));
    private static final List<Received> RECEIVED = List.of(new Received("gp", "m1"), new Received("gp", "m2"),
            new Received("social-care", "c1"), new Received("sms", "text-a"), new Received("sms", "text-a"),
            new Received("sms", "text-b"));

    @Test
    void everythingReceivedOnceAndEveryRefusalKeptReconciles() {
        Report report = FaultChecker.check(facts(LEDGER, RECEIVED).build());
        assertThat(report.failures()).isEmpty();
        assertThat(report.knownLimits()).isEmpty();
        assertThat(report.text()).contains("gp           accepted      2  received      2  lost 0  duplicates 0")
                .endsWith("RESULT: RECONCILED\n");
    }

    @Test
    void aMessageAcceptedButNeverReceivedIsLost() {
        Report report = FaultChecker.check(facts(LEDGER, without(RECEIVED, new Received("gp", "m2"))).build());
        assertThat(report.failures()).containsExactly("gp: 1 accepted but never received (lost)");
        assertThat(report.text()).contains("lost gp\tm2").endsWith("RESULT: FAILED (1)\n");
    }

    @Test
    void twoEqualTextsToOneNumberAreTwoMessagesNotADuplicate() {
        Report report = FaultChecker.check(facts(LEDGER, without(RECEIVED, new Received("sms", "text-a"))).build());
        assertThat(report.failures()).containsExactly("sms: 1 accepted but never received (lost)");
    }

    @Test
    void aMeshMessageReceivedTwiceIsAFailureEvenAfterAKill() {
        Facts facts = facts(LEDGER, with(RECEIVED, new Received("gp", "m1"))).inFlight(5, 5).build();
        assertThat(FaultChecker.check(facts).failures())
                .containsExactly("gp: 1 received twice (0 could be the known resend after a kill)");
    }

    @Test
    void aTextResentAfterAKillIsTheKnownLimitOnlyUpToTheSendsInFlight() {
        List<Received> twice = with(RECEIVED, new Received("sms", "text-b"), new Received("social-care", "c1"));
        Report withinLimit = FaultChecker.check(facts(LEDGER, twice).inFlight(1, 1).build());
        assertThat(withinLimit.ok()).isTrue();
        assertThat(withinLimit.knownLimits()).hasSize(2).allMatch(limit -> limit.contains("hazard log"));
        assertThat(withinLimit.text()).contains("KNOWN LIMIT: sms: 1 received twice");

        Report noKill = FaultChecker.check(facts(LEDGER, twice).build());
        assertThat(noKill.failures()).containsExactlyInAnyOrder(
                "sms: 1 received twice (0 could be the known resend after a kill)",
                "social-care: 1 received twice (0 could be the known resend after a kill)");
    }

    @Test
    void everyDuplicateIsNamedByItsKeyNotOnlyCounted() {
        List<Sent> ledger = new ArrayList<>();
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ledger.add(new Sent("sms", "text-" + i, "DELIVERED"));
            received.add(new Received("sms", "text-" + i));
            received.add(new Received("sms", "text-" + i));
        }
        Report report = FaultChecker.check(facts(ledger, received).build());
        assertThat(report.failures()).containsExactly("sms: 12 received twice (0 could be the known resend after a kill)");
        for (int i = 0; i < 12; i++) {
            assertThat(report.text()).contains("received twice sms\ttext-" + i + "\n");
        }
    }

    @Test
    void unfinishedDeadAndUnrecordedMessagesFail() {
        List<Sent> ledger = new ArrayList<>(LEDGER);
        ledger.add(new Sent("gp", "m3", "QUEUED"));
        ledger.add(new Sent("social-care", "c2", "DEAD"));
        ledger.add(new Sent("sms", "text-c", "FAILED"));
        Report report = FaultChecker.check(facts(ledger, with(RECEIVED, new Received("sms", "text-c"))).build());
        assertThat(report.failures()).containsExactlyInAnyOrder("gp: 1 still unfinished (stalled delivery)",
                "social-care: 1 dead-lettered or abandoned", "sms: 1 received but not recorded as accepted",
                "sms: 1 still unfinished (stalled delivery)");
    }

    @Test
    void quarantineMustHoldEveryRefusalAndNothingElse() {
        Facts missing = facts(LEDGER, RECEIVED).quarantine(Map.of("fhir-servicerequest", 9L, "hl7-mllp", 4L),
                Map.of("fhir-servicerequest", 10L, "hl7-mllp", 4L)).build();
        assertThat(FaultChecker.check(missing).failures())
                .containsExactly("quarantine fhir-servicerequest: 9 kept but 10 refusals answered to the sender");

        Facts unexpected = facts(LEDGER, RECEIVED).quarantine(Map.of("sms", 2L), Map.of()).build();
        assertThat(FaultChecker.check(unexpected).failures())
                .containsExactly("quarantine sms: 2 kept but 0 refusals answered to the sender");
    }

    @Test
    void garbledTextsMustAllBeStoredAndHandled() {
        Facts facts = facts(LEDGER, RECEIVED).texts(100, 99, 3).build();
        assertThat(FaultChecker.check(facts).failures()).containsExactlyInAnyOrder(
                "garbled texts: 100 sent but 99 stored", "3 patient replies stored but not handled");
    }

    @Test
    void processesInUnexpectedStatesFail() {
        Facts facts = facts(LEDGER, RECEIVED).processes(2, 1, 3, 50, 49, 48, 4, 10, 9, 1, 6).build();
        assertThat(FaultChecker.check(facts).failures()).containsExactlyInAnyOrder("2 incidents",
                "1 jobs held by a dead process", "3 jobs overdue: the job executor stalled",
                "1 referrals answered but not stored", "49 referrals stored but 48 at triage",
                "1 timer probes did not end", "1 timers fired twice",
                "4 FFT conversations stalled past their deadline", "6 hospital events not dispatched");
    }

    @Test
    void referralsStoredWithoutTheirAnswerAreNotAFailure() {
        Facts facts = facts(LEDGER, RECEIVED).processes(0, 0, 0, 10, 12, 12, 0, 5, 5, 0, 0).build();
        assertThat(FaultChecker.check(facts).ok()).isTrue();
    }

    private static List<Received> with(List<Received> received, Received... more) {
        List<Received> all = new ArrayList<>(received);
        all.addAll(List.of(more));
        return all;
    }

    private static List<Received> without(List<Received> received, Received one) {
        List<Received> all = new ArrayList<>(received);
        all.remove(one);
        return all;
    }

    private static FactsBuilder facts(List<Sent> ledger, List<Received> received) {
        return new FactsBuilder(ledger, received);
    }

    private static final class FactsBuilder {
        private final List<Sent> ledger;
        private final List<Received> received;
        private Map<String, Long> quarantined = Map.of();
        private Map<String, Long> expected = Map.of();
        private Map<String, Long> inFlight = Map.of();
        private long textsSent;
        private long textsStored;
        private long unhandled;
        private long[] processes = new long[11];

        FactsBuilder(List<Sent> ledger, List<Received> received) {
            this.ledger = ledger;
            this.received = received;
        }

        FactsBuilder quarantine(Map<String, Long> kept, Map<String, Long> answered) {
            quarantined = kept;
            expected = answered;
            return this;
        }

        FactsBuilder inFlight(long sms, long mail) {
            inFlight = Map.of("sms", sms, "social-care", mail);
            return this;
        }

        FactsBuilder texts(long sent, long stored, long notHandled) {
            textsSent = sent;
            textsStored = stored;
            unhandled = notHandled;
            return this;
        }

        /** incidents, dead locks, overdue jobs, answered, stored, at triage, FFT stuck, probes started, ended, twice, dispatch. */
        FactsBuilder processes(long... values) {
            processes = values;
            return this;
        }

        Facts build() {
            long[] p = processes;
            return new Facts(ledger, received, quarantined, expected, inFlight, textsSent, textsStored, unhandled,
                    p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
        }
    }
}
