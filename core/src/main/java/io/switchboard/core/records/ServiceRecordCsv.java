package io.switchboard.core.records;

import java.time.Instant;
import java.util.List;

/**
 * Service records as CSV (RFC 4180): a header line, CRLF line ends, a field quoted when it holds a comma, a quote or
 * a line break, quotes doubled inside. Times are ISO-8601 in UTC; lists are joined with a space, the
 * agents with {@code ;}.
 * <p>
 * A text field that a spreadsheet would take for a formula (starting with {@code =}, {@code @}, a tab, or a
 * {@code +}/{@code -} not followed by a plain number) gets a leading {@code '}: caller names come from outside.
 */
public final class ServiceRecordCsv
{
    public static final String HEADER = "id,startedAt,endedAt,type,caller,callee,number,flowKeys,group,agent,answered,"
        + "ringSeconds,talkSeconds,holdSeconds,wrapUpSeconds,ending,transfers,agents,recordId,channel,visitorName,"
        + "page,outcome,waitingSeconds,firstResponseSeconds,durationSeconds,messages,satisfactionLevel,"
        + "satisfactionLabel,solved,satisfactionComment";

    private ServiceRecordCsv()
    {
    }

    public static String write(final List<ServiceRecord> records)
    {
        final StringBuilder out = new StringBuilder(HEADER.length() + 2 + records.size() * 160);
        out.append(HEADER).append("\r\n");
        for (final ServiceRecord r : records)
        {
            out.append(r.id()).append(',');
            out.append(Instant.ofEpochMilli(r.startedAt())).append(',');
            out.append(Instant.ofEpochMilli(r.endedAt())).append(',');
            text(out, r.type()).append(',');
            text(out, r.caller()).append(',');
            text(out, r.callee()).append(',');
            text(out, r.number()).append(',');
            text(out, String.join(" ", r.flowKeys())).append(',');
            text(out, r.group()).append(',');
            text(out, r.agent()).append(',');
            out.append(r.answered()).append(',');
            out.append(r.ringSeconds()).append(',');
            out.append(r.talkSeconds()).append(',');
            out.append(r.holdSeconds()).append(',');
            out.append(r.wrapUpSeconds()).append(',');
            text(out, r.ending()).append(',');
            text(out, String.join(" ", r.transfers())).append(',');
            text(out, String.join(";", r.agents()));
            chat(out, r);
            satisfaction(out, r.satisfaction());
            out.append("\r\n");
        }
        return out.toString();
    }

    /** A chat's columns after a comma each; only the commas for a call. */
    private static void chat(final StringBuilder out, final ServiceRecord r)
    {
        final ChatDetails c = r.chat();
        if (c == null)
        {
            out.append(",,,,,,,,,");
            return;
        }
        text(out.append(','), r.recordId());
        text(out.append(','), c.channel());
        text(out.append(','), c.visitorName());
        text(out.append(','), c.page());
        text(out.append(','), c.outcome()).append(',');
        out.append(c.waitingSeconds() == null ? "" : c.waitingSeconds().toString()).append(',');
        out.append(c.firstResponseSeconds() == null ? "" : c.firstResponseSeconds().toString()).append(',');
        out.append(c.durationSeconds()).append(',').append(c.messages());
    }

    /** The survey's answer after a comma each (level, label, solved, comment); only the commas without one. */
    private static void satisfaction(final StringBuilder out, final Satisfaction answer)
    {
        if (answer == null)
        {
            out.append(",,,,");
            return;
        }
        out.append(',').append(answer.level());
        text(out.append(','), answer.label()).append(',');
        out.append(answer.solved() == null ? "" : answer.solved().toString());
        text(out.append(','), answer.comment());
    }

    /** One text field, quoted if it must be; null is an empty field. */
    public static StringBuilder text(final StringBuilder out, final String value)
    {
        if (value == null || value.isEmpty())
        {
            return out;
        }
        final String safe = formulaLike(value) ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0)
        {
            return out.append(safe);
        }
        return out.append('"').append(safe.replace("\"", "\"\"")).append('"');
    }

    private static boolean formulaLike(final String value)
    {
        final char first = value.charAt(0);
        if (first == '=' || first == '@' || first == '\t' || first == '\r')
        {
            return true;
        }
        return (first == '+' || first == '-') && !value.substring(1).matches("[0-9]+");
    }
}
