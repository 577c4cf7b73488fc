package org.handover.bench;

import java.util.List;

/**
 * How the national day warms the application, the simulators and the load generator before the measured day: rounds
 * of a share of the day's mix at the day's rate (the day's shape compressed into {@code roundSeconds}), each sent and
 * drained, until the CPU per arrival stops falling (a round no more than {@code steadyWithin} below the one before)
 * or {@code mostRounds} have run. A 2-minute run without it measured mostly the JIT warming up, which a 20-minute day
 * pays once; the rounds are reported apart, with the cold figure, and reconciled with the day.
 *
 * @param roundSeconds how long a round's share of the day is compressed into
 * @param share        a round's share of the day's arrivals (its seconds over the day's)
 * @param mostRounds   the most rounds; 0: no warm-up, the day is measured cold
 * @param steadyWithin the fall from one round's CPU per arrival to the next under which the JVMs count as warm
 */
record DayWarmUp(int roundSeconds, double share, int mostRounds, double steadyWithin) {

    static final int SHORTEST_ROUND_SECONDS = 30;
    static final int LONGEST_ROUND_SECONDS = 60;
    static final double STEADY_WITHIN = 0.10;

    /** Rounds a quarter of the day long, between 30 and 60 s (never longer than the day itself). */
    static DayWarmUp forDay(int runSeconds, int mostRounds) {
        int seconds = Math.min(runSeconds, Math.max(SHORTEST_ROUND_SECONDS, Math.min(LONGEST_ROUND_SECONDS,
                runSeconds / 4)));
        return new DayWarmUp(seconds, (double) seconds / runSeconds, mostRounds, STEADY_WITHIN);
    }

    /** One round's arrivals: the day's mix at {@link #share} (every flow at least once). */
    NationalDayMix roundMix(NationalDayMix day) {
        return NationalDayMix.of(Math.min(1.0, day.fraction() * share));
    }

    /** Whether another round is due after rounds whose CPU per arrival was {@code millisPerArrival}, in order. */
    boolean anotherRound(List<Double> millisPerArrival) {
        return millisPerArrival.size() < mostRounds && !steady(millisPerArrival);
    }

    /**
     * The idle cost the measured day's CPU is taken over: the smaller of the one before the warm-up and the one after
     * it. Measured at load average 30 to 50, the one after was four times the one before (245 against 61 ms/s: the
     * compilers still working through what the warm-up queued, not pollers), and subtracting it for the whole day
     * made each arrival look a third cheaper than it was.
     */
    static double idleToSubtract(double before, double after) {
        return Math.min(before, after);
    }

    /** The last round fell no more than {@link #steadyWithin} below the one before it (or rose). */
    boolean steady(List<Double> millisPerArrival) {
        int n = millisPerArrival.size();
        return n >= 2 && millisPerArrival.get(n - 1) >= millisPerArrival.get(n - 2) * (1 - steadyWithin);
    }
}
