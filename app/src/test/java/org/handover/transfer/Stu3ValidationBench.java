package org.handover.transfer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.handover.transfer.EDischargeMessages.Kind;
import org.handover.transfer.EDischargeMessages.Request;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.MessageHeader;

/**
 * CPU per STU3 validation of a discharge summary, a main rather than a timed test (run by ops/bench/stu3-validation.sh):
 * warms up, then validates on several threads at once, as the job executor does, and prints CPU and wall time per
 * validation. Arguments: validations per thread (default 300), threads (default 2), and "hapi" to measure HAPI's own
 * FhirInstanceValidator (a new InstanceValidator per validation) instead of the pooled one Handover uses.
 */
public final class Stu3ValidationBench {

    public static void main(String[] args) throws InterruptedException {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Stu3Validation validation = args.length > 2 && args[2].equals("hapi")
                ? new Stu3Validation(EDischargeMessagesTest.FHIR, new FhirInstanceValidator(
                        Stu3Validation.specification(EDischargeMessagesTest.FHIR)))
                : new Stu3Validation(EDischargeMessagesTest.FHIR);
        List<String> messages = List.of(summary(false), summary(true));
        run(validation, messages, perThread, threads, "warm-up");
        run(validation, messages, perThread, threads, "measured");
    }

    private static String summary(boolean broken) {
        Bundle message = EDischargeMessagesTest.MESSAGES.build(new Request("11111111-1111-1111-1111-11111111111"
                + (broken ? "2" : "1"), Kind.SUMMARY, EDischargeMessagesTest.DISCHARGE, EDischargeMessagesTest.SUMMARY,
                null, null, EDischargeMessagesTest.NOW));
        if (broken) {
            ((MessageHeader) message.getEntryFirstRep().getResource()).setSource(null);
        }
        return EDischargeMessagesTest.MESSAGES.json(message);
    }

    private static void run(Stu3Validation validation, List<String> messages, int perThread, int threads, String round)
            throws InterruptedException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long before = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < perThread; i++) {
                    errors.addAndGet(validation.errors(messages.get(i % messages.size())).size());
                }
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - before);
            }, "validation-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long wall = System.nanoTime() - start;
        int total = perThread * threads;
        System.out.printf("%s: %d validations on %d threads, %.2f ms CPU and %.2f ms wall per validation,"
                + " %d errors reported%n", round, total, threads, cpuNanos.get() / 1e6 / total, wall / 1e6 / total * threads,
                errors.get());
    }
}
