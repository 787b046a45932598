package io.switchboard.core.chat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One message search's criteria and the best matches so far: the newest {@value #MAX_RESULTS}, kept in a heap so
 * that a search over many messages holds no more than that.
 *
 * @param query the keyword (case ignored), or null: any text
 * @param from  the earliest message time, inclusive, epoch milliseconds
 * @param to    the latest, exclusive
 * @param kind  {@code text}, {@code image}, {@code file} or null: any
 * @param agent whose sessions (a staff number), or null: every one
 * @param heap  the matches so far, oldest on top
 * @param count how many matched in all ({@code count[0]})
 */
record ChatSearch(String query, long from, long to, String kind, String agent, PriorityQueue<Hit> heap, int[] count)
{
    static final int MAX_RESULTS = 200;
    private static final int BEFORE = 30;
    private static final int AFTER = 90;
    private static final Comparator<Hit> NEWEST_LAST = Comparator.comparingLong(Hit::at)
        .thenComparingLong(Hit::sessionId).thenComparingLong(Hit::messageId);

    /** One message that may match: where it is, who wrote it, its kind and its text (a file's name). */
    record Hit(long sessionId, String recordId, long messageId, long at, String from, String staffNo, String kind,
        String text, String visitorId, String visitorName)
    {
    }

    ChatSearch(final String query, final long from, final long to, final String kind, final String agent)
    {
        this(query == null ? null : query.toLowerCase(Locale.ROOT), from, to, kind, agent,
            new PriorityQueue<>(NEWEST_LAST), new int[1]);
    }

    void consider(final Hit hit)
    {
        if (hit.at() < from || hit.at() >= to || kind != null && !kind.equals(hit.kind()) || hit.text() == null
            || query != null && !hit.text().toLowerCase(Locale.ROOT).contains(query))
        {
            return;
        }
        count[0]++;
        heap.add(hit);
        if (heap.size() > MAX_RESULTS)
        {
            heap.poll();
        }
    }

    /** Whether more matched than the results hold. */
    boolean more()
    {
        return count[0] > heap.size();
    }

    /** The matches, newest first. */
    List<Map<String, Object>> results()
    {
        final List<Hit> hits = new ArrayList<>(heap);
        hits.sort(NEWEST_LAST.reversed());
        final List<Map<String, Object>> views = new ArrayList<>(hits.size());
        for (final Hit hit : hits)
        {
            final Map<String, Object> view = new LinkedHashMap<>();
            view.put("sessionId", hit.sessionId());
            view.put("recordId", hit.recordId());
            view.put("live", hit.recordId() == null);
            view.put("messageId", hit.messageId());
            view.put("at", hit.at());
            view.put("from", hit.from());
            view.put("staffNo", hit.staffNo());
            view.put("kind", hit.kind());
            view.put("snippet", snippet(hit.text()));
            view.put("visitorId", hit.visitorId());
            view.put("visitorName", hit.visitorName());
            views.add(view);
        }
        return views;
    }

    /** The text around the first match (or its start), with an ellipsis where cut. */
    String snippet(final String text)
    {
        final int at = query == null ? 0 : Math.max(0, text.toLowerCase(Locale.ROOT).indexOf(query));
        final int start = Math.max(0, at - BEFORE);
        final int end = Math.min(text.length(), at + (query == null ? 0 : query.length()) + AFTER);
        return (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
    }

    /** A transcript line's kind: an image or a file shows as {@code [image name](/api/chat-files/id)}. */
    static String kindOf(final String line)
    {
        if (line != null && line.endsWith(")") && line.contains("](/api/chat-files/"))
        {
            if (line.startsWith("[image "))
            {
                return "image";
            }
            if (line.startsWith("[file "))
            {
                return "file";
            }
        }
        return "text";
    }

    /** The file's name in such a line. */
    static String fileName(final String line)
    {
        final int open = line.indexOf(' ');
        final int close = line.lastIndexOf("](/api/chat-files/");
        return open < 0 || close <= open ? line : line.substring(open + 1, close);
    }
}
