package io.switchboard.core.journal;

import io.switchboard.core.records.ChatDetails;
import io.switchboard.core.records.Satisfaction;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat record's {@link ChatDetails} in a {@link JournalSnapshot} (version 3 on): after the fields a call's record
 * has, a flag, then the details and the transcript. Strings are written in place (length first, -1 for null): a
 * chat's values (visitor, page, texts) rarely repeat, unlike a call's. Version 4 adds, after the details, a flag and
 * the survey's answer ({@link Satisfaction}; any record's, a call's too).
 */
final class ChatRecordCodec
{
    private ChatRecordCodec()
    {
    }

    static void write(final DataOutputStream out, final ChatDetails chat) throws IOException
    {
        out.writeBoolean(chat != null);
        if (chat == null)
        {
            return;
        }
        string(out, chat.channel());
        string(out, chat.visitorId());
        string(out, chat.visitorName());
        string(out, chat.page());
        out.writeLong(chat.queuedAt());
        out.writeLong(chat.servedAt());
        out.writeDouble(chat.waitingSeconds() == null ? -1 : chat.waitingSeconds());
        out.writeDouble(chat.firstResponseSeconds() == null ? -1 : chat.firstResponseSeconds());
        out.writeDouble(chat.durationSeconds());
        string(out, chat.outcome());
        out.writeInt(chat.messages());
        final List<ChatDetails.Line> lines = chat.transcript() == null ? List.of() : chat.transcript();
        out.writeInt(lines.size());
        for (final ChatDetails.Line line : lines)
        {
            out.writeLong(line.id());
            out.writeLong(line.at());
            string(out, line.from());
            string(out, line.staffNo());
            string(out, line.text());
        }
    }

    static ChatDetails read(final ByteBuffer in) throws IOException
    {
        if (in.get() == 0)
        {
            return null;
        }
        final String channel = string(in);
        final String visitorId = string(in);
        final String visitorName = string(in);
        final String page = string(in);
        final long queuedAt = in.getLong();
        final long servedAt = in.getLong();
        final double waiting = in.getDouble();
        final double firstResponse = in.getDouble();
        final double duration = in.getDouble();
        final String outcome = string(in);
        final int messages = in.getInt();
        final int count = in.getInt();
        if (count < 0 || count > in.remaining() / 28)
        {
            throw new IOException("bad transcript length " + count);
        }
        final List<ChatDetails.Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            lines.add(new ChatDetails.Line(in.getLong(), in.getLong(), string(in), string(in), string(in)));
        }
        return new ChatDetails(channel, visitorId, visitorName, page, queuedAt, servedAt,
            waiting < 0 ? null : waiting, firstResponse < 0 ? null : firstResponse, duration, outcome, messages,
            lines);
    }

    static void write(final DataOutputStream out, final Satisfaction answer) throws IOException
    {
        out.writeBoolean(answer != null);
        if (answer == null)
        {
            return;
        }
        out.writeInt(answer.level());
        out.writeInt(answer.levels());
        string(out, answer.label());
        out.writeByte(answer.solved() == null ? -1 : answer.solved() ? 1 : 0);
        string(out, answer.comment());
        out.writeLong(answer.at());
    }

    static Satisfaction readSatisfaction(final ByteBuffer in) throws IOException
    {
        if (in.get() == 0)
        {
            return null;
        }
        final int level = in.getInt();
        final int levels = in.getInt();
        final String label = string(in);
        final byte solved = in.get();
        final String comment = string(in);
        return new Satisfaction(level, levels, label, solved < 0 ? null : solved == 1, comment, in.getLong());
    }

    private static void string(final DataOutputStream out, final String value) throws IOException
    {
        if (value == null)
        {
            out.writeInt(-1);
            return;
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(final ByteBuffer in) throws IOException
    {
        final int length = in.getInt();
        if (length == -1)
        {
            return null;
        }
        if (length < 0 || length > in.remaining())
        {
            throw new IOException("bad string length " + length);
        }
        final byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
