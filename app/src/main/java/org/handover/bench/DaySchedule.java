package org.handover.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When each arrival of a national day is due in a run of {@code runMillis}: each flow's arrivals follow its day
 * ({@link DayFlow#dayFractionAt}), the day compressed into the run, with a little seeded jitter so that arrivals of
 * one flow do not come in lockstep; all flows merged in time order, so that they interleave as a day's would.
 */
final class DaySchedule {

    record Arrival(DayFlow flow, int index, long atMillis) {
    }

    private DaySchedule() {
    }

    static List<Arrival> of(NationalDayMix mix, long runMillis, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Arrival> arrivals = new ArrayList<>(mix.total());
        for (DayFlow flow : DayFlow.values()) {
            int count = mix.count(flow);
            for (int i = 0; i < count; i++) {
                double q = (i + random.nextDouble()) / count;
                long at = Math.round(flow.dayFractionAt(q) * runMillis);
                arrivals.add(new Arrival(flow, i, Math.max(0, Math.min(runMillis, at))));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atMillis).thenComparing(Arrival::flow)
                .thenComparingInt(Arrival::index));
        return arrivals;
    }
}
