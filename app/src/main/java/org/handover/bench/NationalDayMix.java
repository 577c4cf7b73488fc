package org.handover.bench;

/**
 * How many of each arrival a national day at {@code fraction} of England's volume holds. England's day
 * (/work/shared/domain.md, issue 8): 70,000 referrals, 45,000 inpatient discharges, 100,000 FFT texts (one
 * conversation each, started by a discharge or by an outpatient or emergency attendance posted by its source) and
 * 170,000 CHC referrals a year (465 a day). Each flow has at least one item, so a tiny run still exercises all.
 */
record NationalDayMix(double fraction, int referrals, int discharges, int fftEncounters, int chcReferrals) {

    static final int ENGLAND_REFERRALS = 70_000;
    static final int ENGLAND_DISCHARGES = 45_000;
    static final int ENGLAND_FFT_CONVERSATIONS = 100_000;
    static final int ENGLAND_CHC_REFERRALS = 170_000 / 365;

    static NationalDayMix of(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the fraction of England's day is above 0 and at most 1: " + fraction);
        }
        int discharges = scaled(ENGLAND_DISCHARGES, fraction);
        return new NationalDayMix(fraction, scaled(ENGLAND_REFERRALS, fraction), discharges,
                Math.max(1, scaled(ENGLAND_FFT_CONVERSATIONS, fraction) - discharges),
                scaled(ENGLAND_CHC_REFERRALS, fraction));
    }

    /** Every discharge asks the FFT question too; the other conversations start from posted encounters. */
    int fftConversations() {
        return discharges + fftEncounters;
    }

    int count(DayFlow flow) {
        return switch (flow) {
            case REFERRAL -> referrals;
            case DISCHARGE -> discharges;
            case FFT -> fftEncounters;
            case CHC -> chcReferrals;
        };
    }

    int total() {
        return referrals + discharges + fftEncounters + chcReferrals;
    }

    private static int scaled(int englandsDay, double fraction) {
        return Math.max(1, (int) Math.round(englandsDay * fraction));
    }
}
