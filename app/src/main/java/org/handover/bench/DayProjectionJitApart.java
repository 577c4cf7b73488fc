package org.handover.bench;

/**
 * England's day with the application's JIT compiling counted as what it was measured to be, beside the plain
 * {@link DayProjection}, which multiplies the compilers' CPU per arrival of a short run by England's arrivals.
 * Compiling is a straight line through two measured points: its rate per arrival at the end of the run (the day's
 * second half, drain included) is the marginal part, paid by every arrival as if it never stopped; what the run
 * compiled beyond that rate, from the cold start of the warm-up to the end of the day, is the fixed part, paid once.
 * Everything else the product did in the day counts per arrival, over the idle cost, as in {@link DayProjection}.
 * A JVM that recompiles for ever keeps its compiling rate to the end, and then nearly all of it stays per arrival.
 *
 * @param cores               the machine's cores (each 1,000 ms of CPU a second)
 * @param idleMillisPerSecond the processes' CPU per second with nothing arriving
 * @param fixedMillis         the compiling paid once (never below zero)
 * @param millisPerArrival    CPU per arrival over idle: all but the day's compiling, plus the end's compiling rate
 */
record DayProjectionJitApart(int cores, double idleMillisPerSecond, double fixedMillis, double millisPerArrival) {

    /**
     * @param cold          the warm-up and the day as one stretch (from the cold start)
     * @param day           the measured day
     * @param end           the day's second half (its compiling rate is the marginal one)
     * @param withGenerator whether the load generator's CPU counts, as in {@link DayCost#projection}
     */
    static DayProjectionJitApart of(int cores, double idleMillisPerSecond, DayCost cold, DayCost day, DayCost end,
            boolean withGenerator) {
        double compilingPerArrival = end.compilerMillisPerArrival();
        double fixed = Math.max(0, cold.compilerMillis() - compilingPerArrival * cold.arrivals());
        double dayButCompiling = day.projection(cores, idleMillisPerSecond, withGenerator).runMillis()
                - day.compilerMillis();
        double perArrival = Math.max(0, dayButCompiling - idleMillisPerSecond * day.seconds())
                / Math.max(1, day.arrivals()) + compilingPerArrival;
        return new DayProjectionJitApart(cores, idleMillisPerSecond, fixed, perArrival);
    }

    /** England's day needs this much CPU in 20 minutes: the idle cost, the fixed compiling and every arrival's. */
    double englandsDayMillis() {
        return idleMillisPerSecond * DayProjection.TARGET_SECONDS + fixedMillis
                + millisPerArrival * DayProjection.ENGLANDS_ARRIVALS;
    }

    /** The share of England's day the machine's CPU can do in 20 minutes once the idle and fixed costs are paid. */
    double fractionThatFits() {
        double spare = cores * 1_000.0 * DayProjection.TARGET_SECONDS
                - idleMillisPerSecond * DayProjection.TARGET_SECONDS - fixedMillis;
        if (spare <= 0) {
            return 0;
        }
        return millisPerArrival == 0 ? Double.POSITIVE_INFINITY
                : spare / (millisPerArrival * DayProjection.ENGLANDS_ARRIVALS);
    }
}
