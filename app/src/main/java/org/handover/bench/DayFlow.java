package org.handover.bench;

/**
 * The four arrivals of a national day that ops/bench/national-day.sh replays, each with England's daily volume and
 * the shape of its day: the share of the day's arrivals in each hour (00:00 to 23:00), from when the work arrives at
 * a trust (GP referrals in surgery hours, discharges peaking in the afternoon, outpatient and emergency attendances
 * for the FFT from morning to late evening, CHC Checklists in office hours).
 */
enum DayFlow {
    REFERRAL("referrals", new int[] {1, 1, 0, 0, 0, 0, 1, 3, 8, 11, 12, 11, 9, 10, 11, 10, 8, 5, 2, 1, 1, 1, 1, 1}),
    DISCHARGE("discharges", new int[] {1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 7, 9, 10, 11, 11, 10, 8, 6, 4, 3, 2, 1, 1}),
    FFT("fft", new int[] {1, 1, 1, 1, 1, 1, 2, 3, 6, 8, 8, 8, 7, 7, 7, 7, 6, 5, 5, 5, 4, 3, 2, 2}),
    CHC("chc", new int[] {0, 0, 0, 0, 0, 0, 0, 2, 8, 12, 13, 12, 9, 11, 12, 11, 8, 2, 0, 0, 0, 0, 0, 0});

    private final String label;
    private final int[] hourlyWeights;

    DayFlow(String label, int[] hourlyWeights) {
        this.label = label;
        this.hourlyWeights = hourlyWeights;
    }

    String label() {
        return label;
    }

    /** The busiest hour's arrivals per second, for {@code count} arrivals in a day compressed into {@code runSeconds}. */
    double peakPerSecond(int count, double runSeconds) {
        int total = 0;
        int peak = 0;
        for (int weight : hourlyWeights) {
            total += weight;
            peak = Math.max(peak, weight);
        }
        return count * (double) peak / total / (runSeconds / 24.0);
    }

    /** The fraction of the day (0..1) by which the share {@code q} (0..1) of this flow's arrivals has come. */
    double dayFractionAt(double q) {
        int total = 0;
        for (int weight : hourlyWeights) {
            total += weight;
        }
        double wanted = q * total;
        double seen = 0;
        for (int hour = 0; hour < 24; hour++) {
            int weight = hourlyWeights[hour];
            if (weight > 0 && seen + weight >= wanted) {
                return (hour + (wanted - seen) / weight) / 24.0;
            }
            seen += weight;
        }
        return 1.0;
    }
}
