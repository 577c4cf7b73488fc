package org.handover.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Calls that the channel consumers make at the same moment, answered together by one thread: each caller hands its
 * request over and waits for its own answer, and the thread answers everything that arrived meanwhile in one go (one
 * database transaction, one query). If answering the group fails, each request is answered alone, so one bad request
 * cannot fail its neighbours. Before {@link #start()} and after {@link #stop()} a caller is answered on its own thread.
 * Starts before the channel routes and stops after them (a higher phase stops first), answering what is queued.
 */
abstract class GroupedCalls<Q, A> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupedCalls.class);
    private static final long WAIT_SECONDS = 60;

    private final String name;
    private final int maxGroup;
    private final BlockingQueue<Call<Q, A>> queue = new ArrayBlockingQueue<>(4_096);
    private volatile boolean running;
    private Thread worker;

    GroupedCalls(String name, int maxGroup) {
        this.name = name;
        this.maxGroup = maxGroup;
    }

    /** Answers a group, in the order of its requests. */
    protected abstract List<A> together(List<Q> requests);

    /** Answers one request (also when its group failed). */
    protected abstract A alone(Q request);

    A call(Q request) {
        if (!running) {
            return alone(request);
        }
        Call<Q, A> call = new Call<>(request, new CompletableFuture<>());
        try {
            if (!queue.offer(call, WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " is not keeping up");
            }
            return call.answer().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(name + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " timed out", e);
        }
    }

    private void loop() {
        List<Call<Q, A>> group = new ArrayList<>(maxGroup);
        while (running || !queue.isEmpty()) {
            try {
                Call<Q, A> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                answer(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void answer(List<Call<Q, A>> group) {
        try {
            List<A> answers = together(group.stream().map(Call::request).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException groupFailed) {
            log.warn("{}: a group of {} failed ({}); answering them one by one", name, group.size(),
                    groupFailed.getMessage());
            for (Call<Q, A> call : group) {
                try {
                    call.answer().complete(alone(call.request()));
                } catch (RuntimeException e) {
                    call.answer().completeExceptionally(e);
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops taking calls in groups once what is queued has been answered. */
    @Override
    public void stop() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }

    private record Call<Q, A>(Q request, CompletableFuture<A> answer) {
    }
}
