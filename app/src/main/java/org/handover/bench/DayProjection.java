package org.handover.bench;

/**
 * What a run says about England's whole day on this machine: the processes' CPU while idle (pollers, schedulers:
 * paid per second whatever comes) and per arrival over that, projected to England's arrivals in 20 minutes on
 * {@code cores}. The fraction of the day that fits is the CPU there is, less the idle cost, over what England's
 * arrivals would take; below 1, its inverse is how much cheaper each arrival must get.
 *
 * @param cores            the machine's cores (each 1,000 ms of CPU a second)
 * @param idleMillisPerSecond the processes' CPU per second with nothing arriving
 * @param runMillis        the processes' CPU over the run (sending and draining)
 * @param runSeconds       how long the run took, sending and draining
 * @param arrivals         the arrivals accepted in the run
 */
record DayProjection(int cores, double idleMillisPerSecond, long runMillis, double runSeconds, int arrivals) {

    static final int ENGLANDS_ARRIVALS = NationalDayMix.ENGLAND_REFERRALS + NationalDayMix.ENGLAND_DISCHARGES
            + (NationalDayMix.ENGLAND_FFT_CONVERSATIONS - NationalDayMix.ENGLAND_DISCHARGES)
            + NationalDayMix.ENGLAND_CHC_REFERRALS;
    static final double TARGET_SECONDS = 1_200;

    /** CPU per arrival beyond the idle cost (never below zero: a noisy idle measure can exceed a small run's). */
    double millisPerArrival() {
        return Math.max(0, runMillis - idleMillisPerSecond * runSeconds) / Math.max(1, arrivals);
    }

    /** England's day needs this much CPU in 20 minutes: the idle cost plus every arrival's. */
    double englandsDayMillis() {
        return idleMillisPerSecond * TARGET_SECONDS + millisPerArrival() * ENGLANDS_ARRIVALS;
    }

    /** The share of England's day the machine's CPU can do in 20 minutes (1 or more: the whole day fits). */
    double fractionThatFits() {
        double spare = cores * 1_000.0 * TARGET_SECONDS - idleMillisPerSecond * TARGET_SECONDS;
        double perArrival = millisPerArrival();
        if (spare <= 0) {
            return 0;
        }
        return perArrival == 0 ? Double.POSITIVE_INFINITY : spare / (perArrival * ENGLANDS_ARRIVALS);
    }

    /** CPU per arrival the whole day in 20 minutes allows, given the idle cost. */
    double millisPerArrivalAllowed() {
        return Math.max(0, cores * 1_000.0 * TARGET_SECONDS - idleMillisPerSecond * TARGET_SECONDS)
                / ENGLANDS_ARRIVALS;
    }
}
