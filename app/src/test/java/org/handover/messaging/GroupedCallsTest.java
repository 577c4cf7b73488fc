package org.handover.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupedCallsTest {

    private final List<Integer> groupSizes = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private GroupedCalls<Integer, String> calls;

    private static GroupedCalls<Integer, String> grouped(int maxGroup, Function<List<Integer>, List<String>> together,
            Function<Integer, String> alone) {
        return new GroupedCalls<>("test-calls", maxGroup) {
            @Override
            protected List<String> together(List<Integer> requests) {
                return together.apply(requests);
            }

            @Override
            protected String alone(Integer request) {
                return alone.apply(request);
            }
        };
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (calls != null) {
            calls.stop();
        }
    }

    @Test
    void everyCallerGetsItsOwnAnswerAndNoGroupIsLargerThanAllowed() throws Exception {
        calls = grouped(8, requests -> {
            groupSizes.add(requests.size());
            return requests.stream().map(request -> "answer " + request).toList();
        }, request -> "alone " + request);
        calls.start();

        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int request = i;
            answers.add(callers.submit(() -> calls.call(request)));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(answers.get(i).get()).isEqualTo("answer " + i);
        }
        assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(groupSizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
    }

    @Test
    void whenAGroupFailsEachRequestIsAnsweredAloneAndOnlyTheBadOneFails() throws Exception {
        calls = grouped(64, requests -> {
            if (requests.contains(13)) {
                throw new IllegalStateException("the group holds 13");
            }
            return requests.stream().map(request -> "answer " + request).toList();
        }, request -> {
            if (request == 13) {
                throw new IllegalArgumentException("13 is refused");
            }
            return "alone " + request;
        });
        calls.start();

        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int request = i;
            answers.add(callers.submit(() -> calls.call(request)));
        }
        for (int i = 0; i < 40; i++) {
            if (i == 13) {
                int failing = i;
                assertThatThrownBy(() -> answers.get(failing).get()).hasCauseInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("13 is refused");
            } else {
                assertThat(answers.get(i).get()).isIn("answer " + i, "alone " + i);
            }
        }
    }

    @Test
    void beforeStartAndAfterStopACallIsAnsweredOnTheCallersThread() {
        calls = grouped(8, requests -> {
            throw new AssertionError("no group while not running");
        }, request -> "alone " + request + " on " + Thread.currentThread().getName());
        String caller = Thread.currentThread().getName();

        assertThat(calls.call(1)).isEqualTo("alone 1 on " + caller);
        calls.start();
        calls.stop();
        assertThat(calls.call(2)).isEqualTo("alone 2 on " + caller);
    }
}
