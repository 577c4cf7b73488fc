package org.handover.rules.referral;

import static java.time.DayOfWeek.MONDAY;
import static java.time.temporal.TemporalAdjusters.firstInMonth;
import static java.time.temporal.TemporalAdjusters.lastInMonth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Working days: Monday to Friday except bank holidays. Immutable and thread-safe.
 *
 * <p>{@link #england()} knows the England and Wales bank holidays of {@value #FIRST_YEAR} to {@value #LAST_YEAR},
 * computed by the standing rules. The government sometimes adds or moves one (a jubilee, a coronation): pass those to
 * {@link #england(Collection)}. Outside the years known, only weekends are skipped, so a deadline can come out a day
 * early there, never late; extend the years before then.
 */
public final class WorkingDays {

    public static final int FIRST_YEAR = 2025;
    public static final int LAST_YEAR = 2028;

    private final Set<LocalDate> holidays;

    /** Weekends plus exactly these holidays are not working days. */
    public WorkingDays(Collection<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    /** England and Wales bank holidays {@value #FIRST_YEAR}-{@value #LAST_YEAR}. */
    public static WorkingDays england() {
        return england(List.of());
    }

    /** England and Wales bank holidays {@value #FIRST_YEAR}-{@value #LAST_YEAR} plus {@code extraHolidays}. */
    public static WorkingDays england(Collection<LocalDate> extraHolidays) {
        List<LocalDate> all = new ArrayList<>(extraHolidays);
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            all.addAll(englandAndWalesBankHolidays(year));
        }
        return new WorkingDays(all);
    }

    /**
     * The standing England and Wales bank holidays of {@code year}, as observed (a holiday falling at a weekend moves
     * to the next weekday that is not already a holiday): New Year's Day, Good Friday, Easter Monday, the early May
     * bank holiday (first Monday in May), the spring bank holiday (last Monday in May), the summer bank holiday (last
     * Monday in August), Christmas Day and Boxing Day. One-off changes are not included.
     */
    public static SortedSet<LocalDate> englandAndWalesBankHolidays(int year) {
        LocalDate easter = easterSunday(year);
        SortedSet<LocalDate> days = new TreeSet<>(List.of(
                easter.minusDays(2),
                easter.plusDays(1),
                LocalDate.of(year, Month.MAY, 1).with(firstInMonth(MONDAY)),
                LocalDate.of(year, Month.MAY, 1).with(lastInMonth(MONDAY)),
                LocalDate.of(year, Month.AUGUST, 1).with(lastInMonth(MONDAY))));
        observe(days, LocalDate.of(year, Month.JANUARY, 1));
        // Christmas first, then Boxing Day: on a Sunday Christmas, Boxing Day keeps Monday 26th and Christmas moves to
        // Tuesday 27th; either way the same two days are off.
        List<LocalDate> christmas = List.of(LocalDate.of(year, Month.DECEMBER, 25),
                LocalDate.of(year, Month.DECEMBER, 26));
        christmas.stream().filter(day -> !isWeekend(day)).forEach(days::add);
        christmas.stream().filter(WorkingDays::isWeekend).forEach(day -> observe(days, day));
        return days;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    public boolean isWorkingDay(LocalDate date) {
        return !isWeekend(date) && !holidays.contains(date);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    /**
     * The {@code n}th working day after {@code from}: Friday plus 1 is Monday, and a referral that arrives on a
     * Saturday with 1 working day is due on Monday. {@code n} = 0 gives {@code from} itself.
     */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        Objects.requireNonNull(from, "from");
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        LocalDate date = from;
        int left = n;
        while (left > 0) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return date;
    }

    /** The holidays this calendar skips besides weekends, in date order. */
    public SortedSet<LocalDate> holidays() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(holidays));
    }

    private static void observe(Set<LocalDate> days, LocalDate holiday) {
        LocalDate day = holiday;
        while (isWeekend(day) || days.contains(day)) {
            day = day.plusDays(1);
        }
        days.add(day);
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
