package org.handover.system;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.handover.processes.history.AuditWithoutCopies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: the floor under the national day (ops/bench/engine-floor.sh). Camunda alone, configured as Handover
 * configures it (application.yaml's history level, authorizations, task permission and removal time; Handover's engine
 * plugins {@link EveryAuthenticatedGroup} and {@link SubtaskIndex}) on the benchmark's PostgreSQL, runs the engine
 * work of a referral and nothing else: a process started with five variables, then twice a person's turn (find the
 * task as a member of the team, load its variables, complete it with two), and the end. No FHIR, rules, letters,
 * HTTP, audit or outbox. The CPU it takes per instance (this JVM and PostgreSQL) is what no change inside Handover's
 * own code can go below while each referral is a Camunda process with two user tasks.
 */
@EnabledIfSystemProperty(named = "handover.bench.engine-floor", matches = "\\d+")
class EngineFloorBench {

    private static final Logger log = LoggerFactory.getLogger(EngineFloorBench.class);
    private static final String DETAILS = "Referral details as a form shows them. ".repeat(25);

    @Test
    void aReferralsEngineWork() throws Exception {
        int instances = Integer.parseInt(System.getProperty("handover.bench.engine-floor"));
        int threads = Integer.getInteger("handover.bench.engine-floor.threads", 4);
        long postmaster = Long.parseLong(System.getProperty("handover.bench.engine-floor.postmaster"));
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(System.getProperty("handover.bench.engine-floor.jdbc"));
            dataSource.setUsername("handover");
            dataSource.setPassword(System.getProperty("handover.bench.engine-floor.password"));
            dataSource.setMaximumPoolSize(threads + 2);
            ProcessEngine engine = engine(dataSource);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            try {
                prepare(engine);
                Round warmUp = null;
                for (int round = 1; round <= 3; round++) {
                    warmUp = run(engine, jdbc, postmaster, instances, threads);
                    log.info("ENGINE FLOOR warm-up round {}: {}", round, warmUp.summary(instances));
                }
                Map<String, Long> before = statementCalls(jdbc);
                Round measured = run(engine, jdbc, postmaster, instances, threads);
                log.info("ENGINE FLOOR measured: {} instances, {} threads, history {}, authorization {}: {}", instances,
                        threads, engine.getProcessEngineConfiguration().getHistory(),
                        engine.getProcessEngineConfiguration().isAuthorizationEnabled(), measured.summary(instances));
                Map<String, Long> after = statementCalls(jdbc);
                after.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .forEach(e -> log.info("ENGINE FLOOR statement {} per instance: {}",
                                String.format("%6.2f", (double) e.getValue() / instances), e.getKey()));
            } finally {
                engine.close();
            }
        }
    }

    private static ProcessEngine engine(HikariDataSource dataSource) {
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        if (Boolean.parseBoolean(System.getProperty("handover.bench.engine-floor.history", "true"))) {
            configuration.setHistoryLevel(new AuditWithoutCopies(Map.of(), Set.of()));
            configuration.setCustomHistoryLevels(List.of(new AuditWithoutCopies(Map.of(), Set.of())));
        } else {
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_NONE);
        }
        configuration.setAuthorizationEnabled(
                Boolean.parseBoolean(System.getProperty("handover.bench.engine-floor.authorization", "true")));
        configuration.setJobExecutorActivate(false);
        configuration.setMetricsEnabled(false);
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
        configuration.setEnforceHistoryTimeToLive(true);
        configuration.setDefaultUserPermissionNameForTask("TASK_WORK");
        configuration.getProcessEnginePlugins().add(new EveryAuthenticatedGroup());
        configuration.getProcessEnginePlugins().add(new SubtaskIndex());
        configuration.setProcessEngineName("engine-floor-" + UUID.randomUUID());
        return configuration.buildProcessEngine();
    }

    private static void prepare(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        Group team = identity.newGroup("team");
        team.setName("Triage team");
        identity.saveGroup(team);
        User consultant = identity.newUser("consultant");
        identity.saveUser(consultant);
        identity.createMembership("consultant", "team");
        engine.getRepositoryService().createDeployment().addModelInstance("floor.bpmn",
                Bpmn.createExecutableProcess("Floor").camundaHistoryTimeToLive(3650)
                        .startEvent()
                        .userTask("Triage").camundaCandidateGroups("team")
                        .userTask("Book").camundaCandidateGroups("team")
                        .endEvent().done()).deploy();
    }

    private static Round run(ProcessEngine engine, JdbcTemplate jdbc, long postmaster, int instances, int threads)
            throws Exception {
        long statementsBefore = statements(jdbc);
        long jvmBefore = jvmCpuNanos();
        long pgBefore = postgresTicks(postmaster);
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < instances) {
                        referral(engine);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - started;
        return new Round(wall, jvmCpuNanos() - jvmBefore, postgresTicks(postmaster) - pgBefore,
                statements(jdbc) - statementsBefore);
    }

    /** Started as the system (no authentication), then two tasks worked by a member of the team, as the Tasklist. */
    private static void referral(ProcessEngine engine) {
        String key = UUID.randomUUID().toString();
        String instance = engine.getRuntimeService().startProcessInstanceByKey("Floor", key, Map.of("ubrn", key,
                "nhsNumber", "9434765919", "priority", "routine", "specialty", "Cardiology", "referralDetails", DETAILS))
                .getId();
        IdentityService identity = engine.getIdentityService();
        TaskService tasks = engine.getTaskService();
        identity.setAuthentication("consultant", List.of("team"));
        try {
            for (String outcome : List.of("accept", "booked")) {
                Task task = tasks.createTaskQuery().taskCandidateGroup("team").processInstanceId(instance).singleResult();
                tasks.getVariables(task.getId());
                tasks.complete(task.getId(), Map.of("outcome", outcome, "comment", "Seen: " + outcome));
            }
        } finally {
            identity.clearAuthentication();
        }
    }

    private record Round(long wallNanos, long jvmCpuNanos, long postgresTicks, long statements) {

        String summary(int instances) {
            double ticks = 1000.0 / 100; // ms per clock tick (USER_HZ is 100 on Linux)
            return String.format("%.1f instances/s; CPU per instance: Camunda's JVM %.2f ms, PostgreSQL %.2f ms,"
                    + " together %.2f ms; %.1f statements per instance", instances * 1e9 / wallNanos,
                    jvmCpuNanos / 1e6 / instances, postgresTicks * ticks / instances,
                    (jvmCpuNanos / 1e6 + postgresTicks * ticks) / instances, (double) statements / instances);
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Ticks of the postmaster and its live children, with what it reaped of children that ended. */
    private static long postgresTicks(long postmaster) {
        long total = ticks(postmaster, true);
        ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
        for (ProcessHandle child : server.children().toList()) {
            total += ticks(child.pid(), false);
        }
        return total;
    }

    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based, man proc)
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return withReapedChildren ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (java.io.IOException | RuntimeException ended) {
            return 0;
        }
    }

    private static Map<String, Long> statementCalls(JdbcTemplate jdbc) {
        Map<String, Long> calls = new java.util.HashMap<>();
        try {
            jdbc.query("select left(regexp_replace(query, '\\s+', ' ', 'g'), 110), calls from pg_stat_statements"
                    + " where userid = current_user::regrole", row -> {
                        calls.merge(row.getString(1), row.getLong(2), Long::sum);
                    });
        } catch (RuntimeException noExtension) {
            log.info("ENGINE FLOOR: no pg_stat_statements: {}", noExtension.getMessage());
        }
        return calls;
    }

    private static long statements(JdbcTemplate jdbc) {
        try {
            Long calls = jdbc.queryForObject("select sum(calls) from pg_stat_statements"
                    + " where userid = current_user::regrole", Long.class);
            return calls == null ? 0 : calls;
        } catch (RuntimeException noExtension) {
            return 0;
        }
    }
}
