package org.handover.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls that the channel consumers make at the same moment, answered together by one thread: each caller hands its
 * request over and waits for its own answer, and the thread answers everything that arrived meanwhile in one go (one
 * database transaction, one query). If answering the group fails, each request is answered alone, so one bad request
 * cannot fail its neighbours. Before {@link #start()} and after {@link #stop()} a caller is answered on its own thread.
 */
final class GroupedCalls<Q, A> {

    private static final Logger log = LoggerFactory.getLogger(GroupedCalls.class);
    private static final long WAIT_SECONDS = 60;

    private final String name;
    private final int maxGroup;
    private final Function<List<Q>, List<A>> together;
    private final Function<Q, A> alone;
    private final BlockingQueue<Call<Q, A>> queue = new ArrayBlockingQueue<>(4_096);
    private volatile boolean running;
    private Thread worker;

    /**
     * @param together answers a group, in the order of its requests
     * @param alone    answers one request (also when the group failed)
     */
    GroupedCalls(String name, int maxGroup, Function<List<Q>, List<A>> together, Function<Q, A> alone) {
        this.name = name;
        this.maxGroup = maxGroup;
        this.together = together;
        this.alone = alone;
    }

    A call(Q request) {
        if (!running) {
            return alone.apply(request);
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
            List<A> answers = together.apply(group.stream().map(Call::request).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException groupFailed) {
            log.warn("{}: a group of {} failed ({}); answering them one by one", name, group.size(),
                    groupFailed.getMessage());
            for (Call<Q, A> call : group) {
                try {
                    call.answer().complete(alone.apply(call.request()));
                } catch (RuntimeException e) {
                    call.answer().completeExceptionally(e);
                }
            }
        }
    }

    void start() {
        running = true;
        worker = new Thread(this::loop, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops taking calls in groups once what is queued has been answered. */
    void stop() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isRunning() {
        return running;
    }

    private record Call<Q, A>(Q request, CompletableFuture<A> answer) {
    }
}
