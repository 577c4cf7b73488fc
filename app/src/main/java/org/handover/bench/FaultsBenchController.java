package org.handover.bench;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.handover.bench.FaultChecker.Facts;
import org.handover.bench.FaultChecker.Received;
import org.handover.bench.FaultChecker.Report;
import org.handover.bench.FaultChecker.Sent;
import org.handover.sandbox.SandboxPhones;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * ops/faults/inject.sh's two hooks, present only with {@code handover.bench.enabled=true}:
 * {@code POST /api/admin/bench/fuzz} (in the simulators' JVM: sends the malformed inputs to a node) and
 * {@code POST /api/admin/bench/faults/reconcile} (on the node: the reconciliation after a fault, the simulators'
 * {@code received} list as the body; answers the report as text, its last line {@code RESULT: ...}).
 */
@RestController
@RequestMapping("/api/admin/bench")
@ConditionalOnProperty(name = "handover.bench.enabled", havingValue = "true")
class FaultsBenchController {

    private static final String TEXT = "text/plain;charset=UTF-8";
    /** A job or conversation this late is stalled, not just behind on a busy machine. */
    private static final Duration STALLED = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final ClusterReconciliation cluster;
    private final ObjectProvider<SandboxPhones> phones;
    private final Clock clock;

    FaultsBenchController(JdbcTemplate jdbc, ClusterReconciliation cluster, ObjectProvider<SandboxPhones> phones,
            Clock clock) {
        this.jdbc = jdbc;
        this.cluster = cluster;
        this.phones = phones;
        this.clock = clock;
    }

    @PostMapping("/fuzz")
    Map<String, Object> fuzz(@RequestParam(defaultValue = "10000") int malformed,
            @RequestParam(defaultValue = "1000") int valid, @RequestParam(defaultValue = "1") long seed,
            @RequestParam(defaultValue = "4") int threads, @RequestParam int targetPort, @RequestParam int mllpPort,
            @RequestParam(defaultValue = "integration") String user,
            @RequestParam(defaultValue = "integration") String password) throws Exception {
        if (malformed < 0 || valid < 0 || malformed + valid < 1 || malformed + valid > 200_000 || threads < 1
                || threads > 32) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "malformed and valid 0..200000 (together at least 1), threads 1..32");
        }
        SandboxPhones sandboxPhones = phones.getIfAvailable();
        if (sandboxPhones == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "no sandbox phones here: call the simulators' JVM");
        }
        String runId = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        FuzzLoad.Tally tally = new FuzzLoad("http://127.0.0.1:" + targetPort, user, password, mllpPort, sandboxPhones)
                .send(seed, runId, FuzzLoad.validity(seed, malformed, valid), threads);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("runId", runId);
        report.put("seed", seed);
        report.putAll(tally.report((System.nanoTime() - started) / 1e9));
        return report;
    }

    @PostMapping(path = "/faults/reconcile", produces = TEXT)
    String reconcile(@RequestBody(required = false) String received,
            @RequestParam(defaultValue = "0") long fhirRefused, @RequestParam(defaultValue = "0") long hl7Refused,
            @RequestParam(defaultValue = "0") long textsSent, @RequestParam(defaultValue = "0") long referralsAnswered,
            @RequestParam(defaultValue = "0") long probesStarted, @RequestParam(defaultValue = "0") long smsInFlight,
            @RequestParam(defaultValue = "0") long mailInFlight) {
        Instant now = clock.instant();
        Timestamp stalledBefore = Timestamp.from(now.minus(STALLED));
        Map<String, Long> quarantined = new LinkedHashMap<>();
        jdbc.query("select source, count(*) n from quarantined_input group by source",
                row -> { quarantined.put(row.getString("source"), row.getLong("n")); });
        Map<String, Long> expected = new LinkedHashMap<>();
        if (fhirRefused > 0) {
            expected.put("fhir-servicerequest", fhirRefused);
        }
        if (hl7Refused > 0) {
            expected.put("hl7-mllp", hl7Refused);
        }
        Facts facts = new Facts(ledger(), received(received), quarantined, expected,
                Map.of("sms", smsInFlight, "social-care", mailInFlight), textsSent,
                count("select count(*) from inbound_message where channel = 'sms' and (sender like ? or sender like ?)",
                        MalformedInputs.PHONE_PREFIX + "%", MalformedInputs.PHONE_PREFIX.substring(1) + "%"),
                count("select count(*) from inbound_message where channel = 'sms' and processed_at is null"),
                count("select count(*) from act_ru_incident"),
                count("select count(*) from act_ru_job where lock_owner_ is not null and lock_exp_time_ < ?",
                        Timestamp.from(now.minusSeconds(5))),
                count("""
                        select count(*) from act_ru_job where lock_owner_ is null and retries_ > 0
                        and (suspension_state_ is null or suspension_state_ = 1) and coalesce(duedate_, create_time_) < ?
                        """, stalledBefore),
                referralsAnswered, count("select count(*) from referral"),
                count("select count(*) from act_ru_task where task_def_key_ = 'UserTask_TriageReferral'"),
                count("""
                        select count(*) from fft_conversation where state not in ('ENDED', 'SKIPPED')
                        and coalesce(wait_until, send_at) < ?
                        """, stalledBefore),
                probesStarted,
                count("""
                        select count(*) from act_hi_procinst p join act_re_procdef d on d.id_ = p.proc_def_id_
                        where d.key_ = 'ClusterTimerProbe' and p.end_time_ is not null
                        """),
                count("""
                        select count(*) from (select a.proc_inst_id_ from act_hi_actinst a
                        where a.act_id_ = 'EndEvent_ProbeFired' group by a.proc_inst_id_ having count(*) > 1) twice
                        """),
                count("select count(*) from encounter_dispatch where state <> 'DISPATCHED'"));
        Report report = FaultChecker.check(facts);
        return report.text();
    }

    private List<Sent> ledger() {
        return lines(cluster.ledger()).stream().map(f -> new Sent(f[0], f[1], f[2])).toList();
    }

    static List<Received> received(String tsv) {
        return lines(tsv).stream().map(f -> new Received(f[0], f[1])).toList();
    }

    private static List<String[]> lines(String tsv) {
        if (tsv == null || tsv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(tsv.split("\n")).filter(line -> !line.isBlank()).map(line -> line.split("\t"))
                .filter(fields -> fields.length >= 2).toList();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
