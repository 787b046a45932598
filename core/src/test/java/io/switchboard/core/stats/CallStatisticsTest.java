package io.switchboard.core.stats;

import io.switchboard.core.records.ServiceRecord;
import io.switchboard.core.records.ServiceRecordStore;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallStatisticsTest
{
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long NINE = ZonedDateTime.of(2026, 12, 8, 9, 0, 0, 0, SHANGHAI).toInstant().toEpochMilli();
    private static final long MIDNIGHT = NINE - 9 * 3600_000L;

    private static ServiceRecord answered(final long id, final long at, final String group, final String agent,
        final double ring, final double talk)
    {
        return new ServiceRecord(id, at, at + (long)((ring + talk) * 1000), "inbound", "+861", agent, "4000",
            List.of("1"), group, agent, true, ring, talk, 0, 10, "caller-hung-up", List.of());
    }

    private static ServiceRecord abandoned(final long id, final long at, final String group, final double ring)
    {
        return new ServiceRecord(id, at, at + (long)(ring * 1000), "inbound", "+862", "4000", "4000", List.of("1"),
            group, null, false, ring, 0, 0, 0, "abandoned-in-queue", List.of());
    }

    private static int threshold(final String group)
    {
        return "sales".equals(group) ? 30 : 20;
    }

    @Test
    void serviceLevelSpeedAndHandleTimePerGroup()
    {
        final List<ServiceRecord> records = List.of(
            answered(1, NINE, "support", "A1", 10, 50),
            answered(2, NINE + 1000, "support", "A2", 25, 110),
            abandoned(3, NINE + 2000, "support", 3),
            abandoned(4, NINE + 3000, "support", 40),
            answered(5, NINE + 4000, "sales", "A3", 25, 20),
            // not queued: an internal call counts for nobody's group figures
            new ServiceRecord(6, NINE, NINE + 5000, "internal", "1003", "1004", "1004", List.of(), null, "A1",
                true, 1, 4, 0, 10, "caller-hung-up", List.of()));
        final CallStatistics.Result result = CallStatistics.compute(records, MIDNIGHT, Long.MAX_VALUE, null,
            CallStatisticsTest::threshold, NINE + 3600_000L);
        final CallStatistics.Figures support = result.groups().get("support");
        assertEquals(4, support.offered());
        assertEquals(2, support.answered());
        assertEquals(2, support.abandoned());
        assertEquals(1, support.shortAbandoned());
        // one of 4 - 1 short abandon answered within 20 s
        assertEquals(1.0 / 3, support.serviceLevel(), 1e-9);
        assertEquals(17.5, support.averageSpeedOfAnswer(), 1e-9);
        // talk + wrap-up: (50 + 10 + 110 + 10) / 2
        assertEquals(90, support.averageHandleTime(), 1e-9);
        // sales: 25 s is within its own 30 s
        assertEquals(1.0, result.groups().get("sales").serviceLevel(), 1e-9);
        assertEquals(2, result.groups().size());
        // occupancy over the 10 hours elapsed: A1 handled 60 s of queued calls + 14 s internal (talk + wrap-up)
        assertEquals(74.0 / 36_000, result.occupancy().get("A1"), 1e-9);
    }

    @Test
    void emptyFiguresAreNullNotZero()
    {
        final CallStatistics.Figures none = new CallStatistics.Figures(20);
        assertNull(none.serviceLevel());
        assertNull(none.averageSpeedOfAnswer());
        assertNull(none.averageHandleTime());
        final Map<String, Object> view = none.view();
        assertEquals(0, view.get("offered"));
        assertEquals(20, view.get("serviceLevelSeconds"));
    }

    @Test
    void fifteenMinuteBucketsFromTheStartOfThePeriod()
    {
        final List<ServiceRecord> records = List.of(
            answered(1, NINE + 60_000, "support", "A1", 5, 10),
            abandoned(2, NINE + 14 * 60_000 + 59_999, "support", 10),
            answered(3, NINE + 15 * 60_000, "support", "A1", 30, 10));
        final CallStatistics.Result result = CallStatistics.compute(records, MIDNIGHT, Long.MAX_VALUE, "support",
            CallStatisticsTest::threshold, NINE + 20 * 60_000);
        // 9 h and 20 min elapsed: 37 buckets, empty ones included
        assertEquals(38, result.buckets().size());
        final CallStatistics.Figures first = result.buckets().get(NINE);
        assertEquals(2, first.offered());
        assertEquals(0.5, first.serviceLevel(), 1e-9);
        final CallStatistics.Figures second = result.buckets().get(NINE + 15 * 60_000);
        assertEquals(1, second.offered());
        assertEquals(0.0, second.serviceLevel(), 1e-9);
        assertEquals(0, result.buckets().get(MIDNIGHT).offered());
    }

    @Test
    void todayStartsAtLocalMidnight()
    {
        final AtomicLong clock = new AtomicLong(MIDNIGHT - 60_000);
        final ServiceRecordStore store = new ServiceRecordStore();
        store.add(answered(1, MIDNIGHT - 120_000, "support", "A1", 5, 10));
        final Wallboard board = new Wallboard(store, null, null, CallStatisticsTest::threshold, clock::get, SHANGHAI);
        final long yesterday = Wallboard.midnight(clock.get(), SHANGHAI);
        assertEquals(MIDNIGHT - 24 * 3600_000L, yesterday);
        assertEquals(1, board.statistics(yesterday, Long.MAX_VALUE, null).groups().get("support").offered());
        // past midnight the day starts again: yesterday's call is not today's
        clock.set(MIDNIGHT + 1);
        assertEquals(MIDNIGHT, Wallboard.midnight(clock.get(), SHANGHAI));
        store.add(answered(2, MIDNIGHT + 1, "support", "A1", 5, 10));
        final CallStatistics.Result today = board.statistics(Wallboard.midnight(clock.get(), SHANGHAI),
            Long.MAX_VALUE, null);
        assertEquals(1, today.groups().get("support").offered());
        assertTrue(today.buckets().containsKey(MIDNIGHT));
    }

    @Test
    void csvHasOneRowPerGroup()
    {
        final CallStatistics.Result result = CallStatistics.compute(List.of(answered(1, NINE, "support", "A1", 5,
            10), abandoned(2, NINE, "=sales", 2)), MIDNIGHT, Long.MAX_VALUE, null, g -> 20, NINE + 1000);
        final String[] lines = WallboardEndpoints.csv(result).split("\r\n");
        assertEquals("group,offered,answered,abandoned,abandonedShort,answerRate,serviceLevel,serviceLevelSeconds,"
            + "averageSpeedOfAnswer,averageHandleTime", lines[0]);
        assertEquals("'=sales,1,0,1,1,0.0,,20,,", lines[1]);
        assertEquals("support,1,1,0,0,1.0,1.0,20,5.0,20.0", lines[2]);
    }
}
