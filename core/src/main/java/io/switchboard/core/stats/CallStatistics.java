package io.switchboard.core.stats;

import io.switchboard.core.records.ServiceRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The wallboard's and the data overview's figures over a period, computed from the service records (which the
 * journal keeps, so the figures survive a restart). Only queued calls count (a call's record with a group): offered,
 * answered (an agent took it), abandoned ({@code abandoned-in-queue}) and of those abandoned within
 * {@value #SHORT_ABANDON_SECONDS} s; the service level is answered within the group's threshold over offered less the
 * short abandons; speed of answer is a record's ring time (from the call's start: IVR and queue included); handle
 * time is talk plus wrap-up. Occupancy is an agent's handle time (calls and chats) over the period's elapsed time.
 * Pure: the period's end ({@code now}) is given, so tests control the clock.
 */
public final class CallStatistics
{
    /** An abandon within this many seconds is short (a caller who dialled wrong): left out of the service level. */
    public static final double SHORT_ABANDON_SECONDS = 5;
    /** Width of a chart bucket. */
    public static final long BUCKET_MILLIS = 15 * 60_000L;

    private static final String ABANDONED = "abandoned-in-queue";

    /** One group's figures (or the whole tenant's, under {@code group} null). */
    public static final class Figures
    {
        private final int threshold;
        private int offered;
        private int answered;
        private int abandoned;
        private int shortAbandoned;
        private int withinThreshold;
        private double answerSeconds;
        private double handleSeconds;

        public Figures(final int threshold)
        {
            this.threshold = threshold;
        }

        void add(final ServiceRecord record)
        {
            offered++;
            if (record.answered())
            {
                answered++;
                answerSeconds += record.ringSeconds();
                handleSeconds += handle(record);
                if (record.ringSeconds() <= threshold)
                {
                    withinThreshold++;
                }
            }
            else if (ABANDONED.equals(record.ending()))
            {
                abandoned++;
                if (record.ringSeconds() <= SHORT_ABANDON_SECONDS)
                {
                    shortAbandoned++;
                }
            }
        }

        public int offered()
        {
            return offered;
        }

        public int answered()
        {
            return answered;
        }

        public int abandoned()
        {
            return abandoned;
        }

        public int shortAbandoned()
        {
            return shortAbandoned;
        }

        /** Answered within the threshold over offered less short abandons, 0..1; null with nothing to count. */
        public Double serviceLevel()
        {
            final int counted = offered - shortAbandoned;
            return counted <= 0 ? null : (double)withinThreshold / counted;
        }

        /** Average speed of answer in seconds, null with nothing answered. */
        public Double averageSpeedOfAnswer()
        {
            return answered == 0 ? null : answerSeconds / answered;
        }

        /** Average handle time (talk + wrap-up) in seconds, null with nothing answered. */
        public Double averageHandleTime()
        {
            return answered == 0 ? null : handleSeconds / answered;
        }

        public Map<String, Object> view()
        {
            final Map<String, Object> view = new LinkedHashMap<>();
            view.put("offered", offered);
            view.put("answered", answered);
            view.put("abandoned", abandoned);
            view.put("abandonedShort", shortAbandoned);
            view.put("answerRate", offered == 0 ? null : round((double)answered / offered));
            view.put("serviceLevel", serviceLevel() == null ? null : round(serviceLevel()));
            view.put("serviceLevelSeconds", threshold);
            view.put("averageSpeedOfAnswer", averageSpeedOfAnswer() == null ? null : round(averageSpeedOfAnswer()));
            view.put("averageHandleTime", averageHandleTime() == null ? null : round(averageHandleTime()));
            return view;
        }
    }

    /** A period's figures: per group, per agent, and per 15-minute bucket. */
    public record Result(long from, long to, Map<String, Figures> groups, Map<String, Double> occupancy,
        Map<Long, Figures> buckets)
    {
        public Map<String, Object> view()
        {
            final Map<String, Object> view = new LinkedHashMap<>();
            view.put("from", from);
            view.put("to", to);
            final Map<String, Object> groupViews = new LinkedHashMap<>();
            groups.forEach((name, figures) -> groupViews.put(name, figures.view()));
            view.put("groups", groupViews);
            final List<Map<String, Object>> agents = new ArrayList<>();
            occupancy.forEach((staffNo, share) ->
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("staffNo", staffNo);
                row.put("occupancy", round(share));
                agents.add(row);
            });
            view.put("agents", agents);
            final List<Map<String, Object>> chart = new ArrayList<>();
            buckets.forEach((start, figures) ->
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", start);
                row.put("offered", figures.offered());
                row.put("answered", figures.answered());
                row.put("abandoned", figures.abandoned());
                row.put("serviceLevel", figures.serviceLevel() == null ? null : round(figures.serviceLevel()));
                chart.add(row);
            });
            view.put("buckets", chart);
            return view;
        }
    }

    private CallStatistics()
    {
    }

    /**
     * The figures of the records that started in [from, to), the period elapsed up to {@code now}.
     *
     * @param records   the records of the period (any order; records outside it are skipped)
     * @param group     only this group, or null for every group
     * @param threshold a group's service level threshold in seconds
     * @param now       the current time (epoch ms): occupancy is over [from, min(to, now))
     */
    public static Result compute(final List<ServiceRecord> records, final long from, final long to,
        final String group, final ToIntFunction<String> threshold, final long now)
    {
        final Map<String, Figures> groups = new TreeMap<>();
        final Map<String, Double> handled = new TreeMap<>();
        final Map<Long, Figures> buckets = new TreeMap<>();
        // empty buckets too, so the chart has its time axis (a day has 96)
        final long last = Math.min(to, now);
        if (last - from <= 31L * 24 * 3600_000L)
        {
            for (long at = from; at < last; at += BUCKET_MILLIS)
            {
                buckets.put(at, new Figures(threshold.applyAsInt(group)));
            }
        }
        for (final ServiceRecord record : records)
        {
            if (record.startedAt() < from || record.startedAt() >= to)
            {
                continue;
            }
            if (record.agent() != null && (group == null || group.equals(record.group())))
            {
                handled.merge(record.agent(), handle(record), Double::sum);
            }
            if (record.chatRecord() || record.group() == null || group != null && !group.equals(record.group()))
            {
                continue;
            }
            groups.computeIfAbsent(record.group(), name -> new Figures(threshold.applyAsInt(name))).add(record);
            final long bucket = from + (record.startedAt() - from) / BUCKET_MILLIS * BUCKET_MILLIS;
            buckets.computeIfAbsent(bucket, at -> new Figures(threshold.applyAsInt(group))).add(record);
        }
        final double elapsed = Math.max(1, (last - from) / 1000.0);
        final Map<String, Double> occupancy = new TreeMap<>();
        handled.forEach((staffNo, seconds) -> occupancy.put(staffNo, Math.min(1.0, seconds / elapsed)));
        return new Result(from, to, groups, occupancy, buckets);
    }

    private static double handle(final ServiceRecord record)
    {
        return record.talkSeconds() + record.wrapUpSeconds();
    }

    private static double round(final double value)
    {
        return Math.round(value * 1000) / 1000.0;
    }
}
