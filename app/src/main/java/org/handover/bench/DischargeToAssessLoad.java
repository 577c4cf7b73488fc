package org.handover.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.handover.domain.SyntheticData;
import org.handover.domain.SyntheticPatient;
import org.handover.encounter.DischargeFacts;
import org.handover.encounter.EncounterSetting;
import org.handover.encounter.Mobility;
import org.handover.encounter.PatientDischarged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Discharge to Assess load: publishes synthetic {@link PatientDischarged} events, each in its own transaction as the
 * transfer-of-care intake does (the process starts and reaches the confirm task before the commit), then confirms
 * the proposals as a coordinator would, so that pathway 1-3 notices go to the councils.
 */
final class DischargeToAssessLoad {

    record Result(int count, int failed, double seconds, List<Long> latenciesMillis) {
    }

    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final TaskService taskService;

    DischargeToAssessLoad(ApplicationEventPublisher events, TransactionTemplate transaction, TaskService taskService) {
        this.events = events;
        this.transaction = transaction;
        this.taskService = taskService;
    }

    /** England's mix: about half pathway 0, 45% pathway 1, 4% pathway 2, 1% pathway 3. */
    static DischargeFacts facts(int n) {
        int slot = n % 100;
        if (slot < 50) {
            return new DischargeFacts(false, false, false, Mobility.INDEPENDENT, false, false, true);
        }
        if (slot < 95) {
            return new DischargeFacts(true, slot % 2 == 0, false, Mobility.WITH_AID, false, false, true);
        }
        if (slot < 99) {
            return new DischargeFacts(null, true, false, Mobility.WITH_HELP_OF_ONE, true, false, true);
        }
        return new DischargeFacts(true, true, true, Mobility.WITH_HELP_OF_TWO, false, true, true);
    }

    Result discharge(String runId, int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
        long started = System.nanoTime();
        run(threads, thread -> {
            SyntheticData data = new SyntheticData(runId.hashCode() * 31L + thread);
            for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                SyntheticPatient p = data.patient();
                Instant now = Instant.now();
                PatientDischarged event = new PatientDischarged(runId + "-" + n, p.nhsNumber().value(), p.givenName(),
                        p.familyName(), p.birthDate(), p.addressLine(), p.postcode(), p.mobile(), p.gpPracticeOds(),
                        "RX1", "Ward " + (n % 20 + 1), "General medicine", now.minusSeconds(4 * 86_400), now,
                        EncounterSetting.INPATIENT, null, false, facts(n));
                long sent = System.nanoTime();
                try {
                    transaction.executeWithoutResult(status -> events.publishEvent(event));
                    latencies.add((System.nanoTime() - sent) / 1_000_000);
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            }
        });
        return new Result(count, failed.get(), (System.nanoTime() - started) / 1e9, latencies);
    }

    /** Completes every open confirm task of the run: the proposal, or pathway 1 with a reason when under review. */
    Result confirm(String runId, int threads) throws Exception {
        List<Task> tasks = taskService.createTaskQuery().taskDefinitionKey("UserTask_ConfirmPathway")
                .processInstanceBusinessKeyLike(runId + "-%").list();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(tasks.size()));
        long started = System.nanoTime();
        run(threads, thread -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                Task task = tasks.get(i);
                Map<String, Object> variables = new HashMap<>();
                Object proposed = taskService.getVariable(task.getId(), "proposedPathway");
                if ("review".equals(proposed) || taskService.getVariable(task.getId(), "councilCode") == null) {
                    variables.put("pathway", "review".equals(proposed) ? "1" : proposed);
                    variables.put("pathwayChangeReason", "Benchmark: reviewed by the coordinator");
                    variables.put("councilCode", "LA-STOCKPORT");
                }
                long sent = System.nanoTime();
                try {
                    taskService.complete(task.getId(), variables);
                    latencies.add((System.nanoTime() - sent) / 1_000_000);
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            }
        });
        return new Result(tasks.size(), failed.get(), (System.nanoTime() - started) / 1e9, latencies);
    }

    interface Work {
        void run(int thread) throws Exception;
    }

    static void run(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    work.run(thread);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
