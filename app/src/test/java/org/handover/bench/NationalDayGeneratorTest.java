package org.handover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The national day's load generator without the world: mix, schedule, percentiles, CSV and chart. */
class NationalDayGeneratorTest {

    @Test
    void theWholeDayIsEnglandsVolumesAndAFractionScalesThem() {
        NationalDayMix day = NationalDayMix.of(1.0);
        assertThat(day.referrals()).isEqualTo(70_000);
        assertThat(day.discharges()).isEqualTo(45_000);
        assertThat(day.fftConversations()).isEqualTo(100_000);
        assertThat(day.fftEncounters()).isEqualTo(55_000);
        assertThat(day.chcReferrals()).isEqualTo(465);

        NationalDayMix twoPercent = NationalDayMix.of(0.02);
        assertThat(twoPercent.referrals()).isEqualTo(1_400);
        assertThat(twoPercent.discharges()).isEqualTo(900);
        assertThat(twoPercent.fftConversations()).isEqualTo(2_000);
        assertThat(twoPercent.chcReferrals()).isEqualTo(9);
        assertThat(twoPercent.total()).isEqualTo(1_400 + 900 + 1_100 + 9);

        NationalDayMix tiny = NationalDayMix.of(0.00001);
        assertThat(List.of(tiny.referrals(), tiny.discharges(), tiny.fftEncounters(), tiny.chcReferrals()))
                .as("every flow runs, however small the day").containsOnly(1);
        assertThatThrownBy(() -> NationalDayMix.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NationalDayMix.of(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScheduleHoldsEveryArrivalOnceInTimeOrderWithinTheRun() {
        NationalDayMix mix = NationalDayMix.of(0.02);
        List<DaySchedule.Arrival> schedule = DaySchedule.of(mix, 240_000, 7);

        assertThat(schedule).hasSize(mix.total());
        for (DayFlow flow : DayFlow.values()) {
            assertThat(schedule.stream().filter(a -> a.flow() == flow).map(DaySchedule.Arrival::index).distinct())
                    .hasSize(mix.count(flow));
        }
        assertThat(schedule).isSortedAccordingTo((a, b) -> Long.compare(a.atMillis(), b.atMillis()));
        assertThat(schedule).allSatisfy(a -> assertThat(a.atMillis()).isBetween(0L, 240_000L));
        assertThat(DaySchedule.of(mix, 240_000, 7)).as("the same seed, the same day").isEqualTo(schedule);
    }

    @Test
    void theFlowsInterleaveAndFollowTheirDays() {
        NationalDayMix mix = NationalDayMix.of(0.05);
        long run = 86_400_000L;
        List<DaySchedule.Arrival> schedule = DaySchedule.of(mix, run, 11);

        // mid-morning, every flow arrives in the same hour, one among the others rather than one after the other
        List<DaySchedule.Arrival> tenOClock = schedule.stream()
                .filter(a -> a.atMillis() >= 10 * 3_600_000L && a.atMillis() < 11 * 3_600_000L).toList();
        assertThat(tenOClock).extracting(DaySchedule.Arrival::flow).contains(DayFlow.values());
        int changes = 0;
        for (int i = 1; i < tenOClock.size(); i++) {
            changes += tenOClock.get(i).flow() != tenOClock.get(i - 1).flow() ? 1 : 0;
        }
        assertThat(changes).isGreaterThan(tenOClock.size() / 3);

        // GP referrals come in surgery hours, not at night; CHC Checklists only in office hours
        assertThat(share(schedule, DayFlow.REFERRAL, 8, 18)).isGreaterThan(0.8);
        assertThat(share(schedule, DayFlow.REFERRAL, 2, 6)).isZero();
        assertThat(share(schedule, DayFlow.CHC, 7, 18)).isEqualTo(1.0);
        assertThat(share(schedule, DayFlow.DISCHARGE, 12, 18)).isGreaterThan(0.45);
    }

    private static double share(List<DaySchedule.Arrival> schedule, DayFlow flow, int fromHour, int toHour) {
        List<DaySchedule.Arrival> ofFlow = schedule.stream().filter(a -> a.flow() == flow).toList();
        long inHours = ofFlow.stream().filter(a -> a.atMillis() >= fromHour * 3_600_000L
                && a.atMillis() < toHour * 3_600_000L).count();
        return (double) inHours / ofFlow.size();
    }

    @Test
    void percentilesAreTheNearestRankOfTheSortedValues() {
        List<Long> hundred = new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
        java.util.Collections.shuffle(hundred, new java.util.Random(3));
        DayReport report = new DayReport();
        report.latency("referrals", "event to first task", hundred);

        assertThat(report.value("latency", "referrals", "event to first task count")).contains("100");
        assertThat(report.value("latency", "referrals", "event to first task p50")).contains("50");
        assertThat(report.value("latency", "referrals", "event to first task p95")).contains("95");
        assertThat(report.value("latency", "referrals", "event to first task p99")).contains("99");
        assertThat(report.value("latency", "referrals", "event to first task max")).contains("100");

        DayReport few = new DayReport();
        few.latency("chc", "event to first task", List.of(40L, 10L, 30L));
        assertThat(few.value("latency", "chc", "event to first task p50")).contains("30");
        assertThat(few.value("latency", "chc", "event to first task p99")).contains("40");

        DayReport none = new DayReport();
        none.latency("fft", "event to first task", List.of());
        assertThat(none.rows()).extracting(DayReport.Row::metric).containsExactly("event to first task count");
    }

    @Test
    void theCsvHasAHeaderAndOneQuotedRowPerFigure() {
        DayReport report = new DayReport();
        report.add("run", "all", "load average at start", "3.31 2.38 3.09", "1/5/15 min");
        report.add("database", "all", "commits per second", 123.456, "/s");
        report.add("statements", "referral", "calls", 5L, "statements");
        report.add("reconciliation", "gp", "lost, \"by key\"", 0, "messages");

        List<String> lines = report.csv().lines().toList();
        assertThat(lines).containsExactly(
                "section,flow,metric,value,unit",
                "run,all,load average at start,3.31 2.38 3.09,1/5/15 min",
                "database,all,commits per second,123.46,/s",
                "statements,referral,calls,5,statements",
                "reconciliation,gp,\"lost, \"\"by key\"\"\",0,messages");
        assertThat(report.text()).contains("database:").contains("commits per second").contains("123.46");
    }

    @Test
    void theChartIsAPngWithSomethingDrawn(@TempDir Path dir) throws Exception {
        Map<String, double[]> throughput = new LinkedHashMap<>();
        throughput.put("referrals accepted", new double[] {0, 5, 12, 9, 3});
        throughput.put("delivered sms", new double[] {0, 0, 8, 14, 6});
        Map<String, long[]> latency = new LinkedHashMap<>();
        latency.put("referrals: event to first task", new long[] {40, 120, 300});
        latency.put("discharges: event to delivery", new long[] {2_000, 9_000, 15_000});
        Path png = dir.resolve("chart.png");

        DayChart.write(png, "test day", throughput, 4, latency);

        assertThat(Files.size(png)).isGreaterThan(5_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        Map<Integer, Integer> colours = new java.util.HashMap<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        assertThat(colours).as("lines and bars in several colours, not a blank image").hasSizeGreaterThan(5);
    }

    @Test
    void statementsAreGroupedByTheWorkflowWhoseTablesTheyTouch() {
        assertThat(DayAccounts.workflowOf("insert into referral (ubrn) values ($1)")).isEqualTo("referral");
        assertThat(DayAccounts.workflowOf("update fft_conversation set state = $1")).isEqualTo("fft");
        assertThat(DayAccounts.workflowOf("select * from chc_case where id = $1")).isEqualTo("chc");
        assertThat(DayAccounts.workflowOf("insert into hospital_event values ($1)")).isEqualTo("discharge");
        assertThat(DayAccounts.workflowOf("update outbox_message set status = $1")).isEqualTo("delivery");
        assertThat(DayAccounts.workflowOf("select * from ACT_RU_TASK where ID_ = $1")).isEqualTo("camunda");
        assertThat(DayAccounts.workflowOf("begin")).isEqualTo("other");
    }

    @Test
    void aWholeDayRunsInTwentyMinutesAndASmallOneInTwo() {
        assertThat(NationalDayLoad.defaultRunSeconds(1.0)).isEqualTo(1_200);
        assertThat(NationalDayLoad.defaultRunSeconds(0.5)).isEqualTo(600);
        assertThat(NationalDayLoad.defaultRunSeconds(0.02)).isEqualTo(120);
    }

    @Test
    void eachQueueHasThePeopleItsBusiestHourNeeds() {
        // 1,400 referrals in 120 s: the busiest hour (12 of 108 shares) brings 1,400 x 12/108 in 5 s, 31 a second
        assertThat(DayFlow.REFERRAL.peakPerSecond(1_400, 120)).isCloseTo(31.1, org.assertj.core.data.Offset.offset(0.1));
        assertThat(StaffQueue.peopleFor(31.1, 2.0, 48)).isEqualTo(48);
        assertThat(StaffQueue.peopleFor(3.1, 2.0, 48)).isEqualTo(7);
        assertThat(StaffQueue.peopleFor(0.01, 2.0, 48)).as("never fewer than two").isEqualTo(2);
    }

    @Test
    void theProjectionIsTheCpuThereIsOverWhatEnglandsArrivalsTake() {
        assertThat(DayProjection.ENGLANDS_ARRIVALS).isEqualTo(70_000 + 45_000 + 55_000 + 465);
        // 100 s at 200 ms/s idle is 20 s of the 60 s used: 40 s over 1,000 arrivals, 40 ms each
        DayProjection run = new DayProjection(2, 200, 60_000, 100, 1_000);
        assertThat(run.millisPerArrival()).isEqualTo(40.0);
        // 2 cores x 1,200 s = 2,400 s, less 240 s idle: 2,160 s for 170,465 arrivals at 40 ms (6,818.6 s)
        assertThat(run.fractionThatFits()).isCloseTo(2_160_000.0 / (40.0 * 170_465),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(run.millisPerArrivalAllowed()).isCloseTo(2_160_000.0 / 170_465,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(run.englandsDayMillis()).isEqualTo(240_000 + 40.0 * 170_465);
        assertThat(new DayProjection(2, 2_500, 60_000, 10, 10).fractionThatFits())
                .as("idle alone uses more than the cores").isZero();
    }

    @Test
    void theWarmUpRoundsAreAShareOfTheDayAtItsRate() {
        NationalDayMix day = NationalDayMix.of(0.02);
        DayWarmUp small = DayWarmUp.forDay(120, 6);
        assertThat(small.roundSeconds()).as("a quarter of a 2-minute day, never under 30 s").isEqualTo(30);
        assertThat(small.share()).isEqualTo(0.25);
        NationalDayMix round = small.roundMix(day);
        assertThat(round.referrals()).isEqualTo(350);
        assertThat(round.discharges()).isEqualTo(225);
        assertThat(round.total() / (double) small.roundSeconds())
                .as("the day's arrivals per second").isCloseTo(day.total() / 120.0, org.assertj.core.data.Offset.offset(0.2));

        DayWarmUp whole = DayWarmUp.forDay(1_200, 6);
        assertThat(whole.roundSeconds()).as("a long day's rounds are a minute").isEqualTo(60);
        assertThat(whole.roundMix(NationalDayMix.of(1.0)).referrals()).isEqualTo(3_500);
        assertThat(DayWarmUp.forDay(20, 6).roundSeconds()).as("never longer than the day").isEqualTo(20);
    }

    @Test
    void theWarmUpGoesOnUntilTheCpuPerArrivalStopsFalling() {
        DayWarmUp warmUp = DayWarmUp.forDay(120, 5);
        assertThat(warmUp.anotherRound(List.of())).isTrue();
        assertThat(warmUp.anotherRound(List.of(300.0))).as("one round cannot show a trend").isTrue();
        assertThat(warmUp.anotherRound(List.of(300.0, 200.0))).as("fell by a third: still warming").isTrue();
        assertThat(warmUp.anotherRound(List.of(300.0, 200.0, 185.0))).as("fell by 7.5%: warm").isFalse();
        assertThat(warmUp.anotherRound(List.of(300.0, 200.0, 210.0))).as("rose: warm").isFalse();
        assertThat(warmUp.anotherRound(List.of(500.0, 400.0, 300.0, 200.0, 100.0))).as("at most five").isFalse();
        assertThat(DayWarmUp.forDay(120, 0).anotherRound(List.of())).as("0 rounds: the day measured cold").isFalse();
        assertThat(DayWarmUp.idleToSubtract(61, 245)).as("the JIT's backlog is not an idle cost").isEqualTo(61);
        assertThat(DayWarmUp.idleToSubtract(80, 70)).isEqualTo(70);
    }

    @Test
    void aStretchCostsTheCpuBetweenItsSnapshotsAndTheColdFigureJoinsWarmUpAndDay() {
        Map<String, Long> before = Map.of("application", 1_000L, "simulators", 500L, "postgresql", 300L,
                "load generator", 200L);
        Map<String, Long> after = Map.of("application", 21_000L, "simulators", 2_500L, "postgresql", 4_300L,
                "load generator", 3_200L);
        Map<String, Long> threadsBefore = Map.of("C# CompilerThre", 150L,
                "http-nio-#-exec-#", 10L);
        Map<String, Long> threadsAfter = Map.of("C# CompilerThre", 4_150L,
                "http-nio-#-exec-#", 9_010L);
        DayCost day = DayCost.between(1_000, 100, before, after, threadsBefore, threadsAfter);

        assertThat(day.millisPerArrival(DayCost.APPLICATION)).isEqualTo(20.0);
        assertThat(day.millisPerArrival(DayCost.SIMULATORS)).isEqualTo(2.0);
        assertThat(day.millisPerArrival(DayCost.GENERATOR)).isEqualTo(3.0);
        assertThat(day.compilerMillisPerArrival()).as("C1 and C2 only").isEqualTo(4.0);
        assertThat(day.productMillis()).isEqualTo(26_000);
        // 100 s at 60 ms/s idle is 6 s of the product's 26 s: 20 s over 1,000 arrivals; 23 with the generator's 3 s
        assertThat(day.projection(2, 60, false).millisPerArrival()).isEqualTo(20.0);
        assertThat(day.projection(2, 60, true).millisPerArrival()).isEqualTo(23.0);

        DayCost warmUp = new DayCost(500, 50, Map.of("application", 30_000L, "load generator", 1_000L), 5_000);
        DayCost cold = warmUp.and(day);
        assertThat(cold.arrivals()).isEqualTo(1_500);
        assertThat(cold.seconds()).isEqualTo(150.0);
        assertThat(cold.cpuMillis()).containsEntry("application", 50_000L).containsEntry("load generator", 4_000L)
                .containsEntry("simulators", 2_000L);
        assertThat(cold.compilerMillisPerArrival()).isEqualTo(6.0);
    }

    @Test
    void theJitsCompilingIsPaidOnceExceptWhatItStillCompilesAtTheEnd() {
        // cold start to the day's end: 3,000 arrivals, 60 s compiling; the day's second half 1 ms per arrival
        DayCost day = new DayCost(2_000, 100, Map.of("application", 50_000L, "postgresql", 30_000L,
                "load generator", 10_000L), 10_000);
        DayCost cold = new DayCost(1_000, 60, Map.of("application", 80_000L), 50_000).and(day);
        DayCost secondHalf = new DayCost(1_000, 50, Map.of("application", 20_000L), 1_000);
        DayProjectionJitApart split = DayProjectionJitApart.of(2, 200, cold, day, secondHalf, false);

        assertThat(split.fixedMillis()).as("60 s less 1 ms for each of 3,000 arrivals").isEqualTo(57_000.0);
        // the day's 80 s less its 10 s compiling less 20 s idle: 50 s over 2,000 arrivals, and 1 ms still compiling
        assertThat(split.millisPerArrival()).isEqualTo(26.0);
        assertThat(DayProjectionJitApart.of(2, 200, cold, day, secondHalf, true).millisPerArrival())
                .as("the generator's 10 s").isEqualTo(31.0);
        assertThat(split.englandsDayMillis()).isEqualTo(240_000 + 57_000 + 26.0 * 170_465);
        assertThat(split.fractionThatFits()).isCloseTo((2_400_000.0 - 240_000 - 57_000) / (26.0 * 170_465),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(day.projection(2, 200, false).millisPerArrival())
                .as("the plain projection keeps the day's compiling per arrival").isEqualTo(30.0);

        DayCost neverStops = new DayCost(1_000, 50, Map.of("application", 20_000L), 20_000);
        assertThat(DayProjectionJitApart.of(2, 200, cold, day, neverStops, false).fixedMillis())
                .as("compiling at 20 ms per arrival to the end: nothing of the 60 s is a one-off").isZero();
        assertThat(new DayProjectionJitApart(2, 200, 2_200_000, 10).fractionThatFits())
                .as("idle and the fixed cost use all the cores").isZero();
    }
}
