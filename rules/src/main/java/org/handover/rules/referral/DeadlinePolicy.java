package org.handover.rules.referral;

/**
 * How many working days a provider has to triage a referral of each priority, counted from the referral date.
 */
public record DeadlinePolicy(int twoWeekWaitWorkingDays, int urgentWorkingDays, int routineWorkingDays) {

    public DeadlinePolicy {
        requireNotNegative("twoWeekWaitWorkingDays", twoWeekWaitWorkingDays);
        requireNotNegative("urgentWorkingDays", urgentWorkingDays);
        requireNotNegative("routineWorkingDays", routineWorkingDays);
    }

    /** Two-week-wait 1 working day, urgent 2, routine 5. */
    public static DeadlinePolicy defaults() {
        return new DeadlinePolicy(1, 2, 5);
    }

    public int workingDaysFor(ReferralPriority priority) {
        return switch (priority) {
            case TWO_WEEK_WAIT -> twoWeekWaitWorkingDays;
            case URGENT -> urgentWorkingDays;
            case ROUTINE -> routineWorkingDays;
        };
    }

    private static void requireNotNegative(String name, int days) {
        if (days < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + days);
        }
    }
}
