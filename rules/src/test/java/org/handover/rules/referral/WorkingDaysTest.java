package org.handover.rules.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingDaysTest {

    private static final WorkingDays ENGLAND = WorkingDays.england();

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({
            "2025, 2025-04-20",
            "2026, 2026-04-05",
            "2027, 2027-03-28",
            "2028, 2028-04-16",
            "2000, 2000-04-23",
            "2019, 2019-04-21",
            "2038, 2038-04-25",
            "2285, 2285-03-22"})
    void computesEasterSunday(int year, LocalDate easter) {
        assertThat(WorkingDays.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void bankHolidays2025() {
        assertThat(WorkingDays.englandAndWalesBankHolidays(2025)).containsExactly(
                d("2025-01-01"), d("2025-04-18"), d("2025-04-21"), d("2025-05-05"), d("2025-05-26"),
                d("2025-08-25"), d("2025-12-25"), d("2025-12-26"));
    }

    @Test
    void bankHolidays2026WithBoxingDayOnASaturdayMovedToMonday28th() {
        assertThat(WorkingDays.englandAndWalesBankHolidays(2026)).containsExactly(
                d("2026-01-01"), d("2026-04-03"), d("2026-04-06"), d("2026-05-04"), d("2026-05-25"),
                d("2026-08-31"), d("2026-12-25"), d("2026-12-28"));
    }

    @Test
    void bankHolidays2027WithChristmasAtTheWeekendMovedToMondayAndTuesday() {
        assertThat(WorkingDays.englandAndWalesBankHolidays(2027)).containsExactly(
                d("2027-01-01"), d("2027-03-26"), d("2027-03-29"), d("2027-05-03"), d("2027-05-31"),
                d("2027-08-30"), d("2027-12-27"), d("2027-12-28"));
    }

    @Test
    void bankHolidays2028WithNewYearOnASaturdayMovedToMonday3rd() {
        assertThat(WorkingDays.englandAndWalesBankHolidays(2028)).containsExactly(
                d("2028-01-03"), d("2028-04-14"), d("2028-04-17"), d("2028-05-01"), d("2028-05-29"),
                d("2028-08-28"), d("2028-12-25"), d("2028-12-26"));
    }

    @Test
    void christmasOnASundayGivesMondayAndTuesday() {
        // 2022: Christmas Sunday, Boxing Day Monday 26th, substitute for Christmas Tuesday 27th.
        assertThat(WorkingDays.englandAndWalesBankHolidays(2022))
                .contains(d("2022-12-26"), d("2022-12-27"))
                .doesNotContain(d("2022-12-25"));
        // 2033: New Year's Day on a Saturday too (and Christmas on a Sunday).
        assertThat(WorkingDays.englandAndWalesBankHolidays(2033)).contains(d("2033-01-03"), d("2033-12-26"),
                d("2033-12-27"));
    }

    @Test
    void englandHasEightBankHolidaysInEachYearFrom2025To2028AndNoOthers() {
        assertThat(ENGLAND.holidays()).hasSize(32);
        IntStream.rangeClosed(2025, 2028).forEach(year ->
                assertThat(ENGLAND.holidays()).containsAll(WorkingDays.englandAndWalesBankHolidays(year)));
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource(textBlock = """
            # from,      n, due,         why
            2026-11-23,  1, 2026-11-24,  Monday to Tuesday
            2026-11-23,  5, 2026-11-30,  a full week, across a weekend
            2026-11-27,  1, 2026-11-30,  Friday to Monday
            2026-11-28,  1, 2026-11-30,  received Saturday: first working day is Monday
            2026-11-29,  1, 2026-11-30,  received Sunday
            2026-11-27,  0, 2026-11-27,  no working days: the same day
            2026-04-02,  1, 2026-04-07,  Good Friday 3 Apr and Easter Monday 6 Apr 2026
            2026-04-01,  2, 2026-04-07,  Wednesday before Easter
            2026-04-02,  5, 2026-04-13,  across Easter
            2026-12-24,  1, 2026-12-29,  Christmas Fri 25 Dec and substitute Boxing Day Mon 28 Dec 2026
            2026-12-23,  2, 2026-12-29,  Wednesday before Christmas
            2026-12-31,  1, 2027-01-04,  New Year's Day Friday 1 Jan 2027
            2026-12-24,  4, 2027-01-04,  Christmas to New Year
            2027-04-30,  1, 2027-05-04,  early May bank holiday Monday 3 May 2027
            2027-04-29,  2, 2027-05-04,  Thursday before early May
            2027-12-24,  1, 2027-12-29,  Christmas 2027 on Saturday: Mon 27 and Tue 28 off
            2027-12-31,  1, 2028-01-04,  New Year 2028 on Saturday: Monday 3 Jan off
            """)
    void addsWorkingDays(LocalDate from, int n, LocalDate due, String why) {
        assertThat(ENGLAND.addWorkingDays(from, n)).as(why).isEqualTo(due);
    }

    @Test
    void bankHolidaysAndWeekendsAreNotWorkingDays() {
        assertThat(ENGLAND.isWorkingDay(d("2026-04-03"))).isFalse();
        assertThat(ENGLAND.isWorkingDay(d("2026-04-06"))).isFalse();
        assertThat(ENGLAND.isWorkingDay(d("2026-12-28"))).isFalse();
        assertThat(ENGLAND.isWorkingDay(d("2026-12-26"))).isFalse(); // Saturday
        assertThat(ENGLAND.isWorkingDay(d("2026-12-29"))).isTrue();
        assertThat(ENGLAND.isWorkingDay(d("2026-04-07"))).isTrue();
    }

    @Test
    void extraOneOffHolidaysAreSkippedToo() {
        LocalDate oneOff = d("2026-06-08"); // a Monday, as if the government added a holiday
        WorkingDays withExtra = WorkingDays.england(List.of(oneOff));

        assertThat(ENGLAND.addWorkingDays(d("2026-06-05"), 1)).isEqualTo(oneOff);
        assertThat(withExtra.addWorkingDays(d("2026-06-05"), 1)).isEqualTo(d("2026-06-09"));
        assertThat(withExtra.holidays()).hasSize(33).contains(oneOff);
    }

    @Test
    void aCalendarOfExactlyTheHolidaysGiven() {
        WorkingDays calendar = new WorkingDays(List.of(d("2026-11-24")));

        assertThat(calendar.addWorkingDays(d("2026-11-23"), 1)).isEqualTo(d("2026-11-25"));
        assertThat(calendar.addWorkingDays(d("2026-12-24"), 1)).isEqualTo(d("2026-12-25"));
    }

    @Test
    void outsideTheYearsKnownOnlyWeekendsAreSkipped() {
        // Christmas Day 2029 is not in england(): the deadline comes out early, never late.
        assertThat(ENGLAND.addWorkingDays(d("2029-12-24"), 1)).isEqualTo(d("2029-12-25"));
    }

    @Test
    void rejectsNegativeWorkingDays() {
        assertThatIllegalArgumentException().isThrownBy(() -> ENGLAND.addWorkingDays(d("2026-11-23"), -1));
    }

    private static LocalDate d(String isoDate) {
        return LocalDate.parse(isoDate);
    }
}
