package io.switchboard.core.journal;

import io.switchboard.core.records.ServiceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Snapshots of the service records, beside the journal ({@code snapshot-<index>.bin}): the records of every
 * {@code record} entry up to the journal position {@code index}, in a compact binary form that reads several times
 * faster than the entries' JSON. At start the newest valid snapshot is loaded and the journal's {@code record}
 * entries up to its index are passed over unread; every other entry is still replayed from the start.
 * <p>
 * A file: magic, version, index; the distinct strings (UTF-8, length first) and the distinct lists of them (numbers
 * in the string table); the records (fields in order, a string or list as its number in its table, -1 for null);
 * and a CRC-32 of everything before it. A chat's record adds its details after the call's fields
 * ({@link ChatRecordCodec}). Values repeat a great deal (type, ending, group, agent, numbers), so the
 * file is small and reading it allocates each value once. It is written to a temporary file, forced to disk and
 * renamed into place; the newest {@value #KEPT} are kept. One that is cut short or fails its checksum is ignored
 * with a warning, and the one before it (or a full replay) is used instead.
 */
public final class JournalSnapshot
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalSnapshot.class);
    private static final int MAGIC = 0x5342534E;
    /**
     * Version 3 added chats' records ({@link ChatRecordCodec}), version 4 the survey's answer after them, version 5
     * the recording's path after that (a number in the string table, -1 for none); version 2 files (calls only),
     * version 3 files (no answers) and version 4 files (no recordings) still read.
     */
    private static final int VERSION = 5;
    private static final int WITHOUT_RECORDINGS = 4;
    private static final int WITHOUT_SURVEYS = 3;
    private static final int CALLS_ONLY = 2;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";
    /** Snapshots kept: the newest and the one before it, in case the newest turns out unreadable. */
    public static final int KEPT = 2;

    /** A snapshot read back: the journal position it covers and its records. */
    public record Loaded(long index, List<ServiceRecord> records, Path file)
    {
    }

    private JournalSnapshot()
    {
    }

    /** Writes a snapshot of these records, covering the journal's entries up to {@code index}; returns its file. */
    public static Path write(final Path directory, final long index, final List<ServiceRecord> records)
        throws IOException
    {
        Files.createDirectories(directory);
        final Path target = directory.resolve(PREFIX + index + SUFFIX);
        final Path temp = directory.resolve(PREFIX + index + SUFFIX + ".tmp");
        try (FileOutputStream file = new FileOutputStream(temp.toFile()))
        {
            // Buffered above the checksum, so that it is computed a buffer at a time rather than byte by byte.
            final CheckedOutputStream checked = new CheckedOutputStream(file, new CRC32());
            final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(index);
            // Each distinct string and list once; the records name them by their number in these tables.
            final Map<String, Integer> strings = new HashMap<>();
            final Map<List<String>, Integer> lists = new HashMap<>();
            tables(records, strings, lists);
            writeTables(out, strings, lists);
            out.writeInt(records.size());
            for (final ServiceRecord record : records)
            {
                write(out, record, strings, lists);
            }
            out.flush();
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
            file.getFD().sync();
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        final List<Path> all = list(directory);
        for (int i = KEPT; i < all.size(); i++)
        {
            Files.deleteIfExists(all.get(i));
        }
        return target;
    }

    /** The distinct strings and lists of the records, numbered in the order first seen. */
    private static void tables(final List<ServiceRecord> records, final Map<String, Integer> strings,
        final Map<List<String>, Integer> lists)
    {
        for (final ServiceRecord record : records)
        {
            for (final String value : new String[] {record.type(), record.caller(), record.callee(),
                record.number(), record.group(), record.agent(), record.ending(), record.recording()})
            {
                if (value != null)
                {
                    strings.putIfAbsent(value, strings.size());
                }
            }
            for (final List<String> list : List.of(record.flowKeys(), record.transfers(), record.agents()))
            {
                list.forEach(value -> strings.putIfAbsent(value, strings.size()));
                lists.putIfAbsent(list, lists.size());
            }
        }
    }

    private static void writeTables(final DataOutputStream out, final Map<String, Integer> strings,
        final Map<List<String>, Integer> lists) throws IOException
    {
        out.writeInt(strings.size());
        for (final String value : ordered(strings))
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        out.writeInt(lists.size());
        for (final List<String> list : ordered(lists))
        {
            out.writeInt(list.size());
            for (final String value : list)
            {
                out.writeInt(strings.get(value));
            }
        }
    }

    /** The newest snapshot that reads back whole, if any; those that do not are logged and passed over. */
    public static Optional<Loaded> loadNewest(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return Optional.empty();
        }
        final List<Path> all;
        try
        {
            all = list(directory);
        }
        catch (final IOException ex)
        {
            LOG.warn("journal: snapshots not listed, replaying the whole journal: {}", ex.toString());
            return Optional.empty();
        }
        for (final Path file : all)
        {
            try
            {
                return Optional.of(read(file));
            }
            catch (final IOException | RuntimeException ex)
            {
                LOG.warn("journal: snapshot {} is unreadable and ignored: {}", file.getFileName(), ex.toString());
            }
        }
        return Optional.empty();
    }

    /** Reads one snapshot whole, checking its checksum first (the file mapped, checked in one pass, then parsed). */
    public static Loaded read(final Path file) throws IOException
    {
        final ByteBuffer in;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < 28 || size > Integer.MAX_VALUE)
            {
                throw new IOException("bad size " + size);
            }
            in = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        try
        {
            final CRC32 crc = new CRC32();
            crc.update(in.duplicate().limit(in.limit() - Long.BYTES));
            if (in.getLong(in.limit() - Long.BYTES) != crc.getValue())
            {
                throw new IOException("checksum mismatch");
            }
            in.limit(in.limit() - Long.BYTES);
            final int version = in.getInt() == MAGIC ? in.getInt() : -1;
            if (version != VERSION && version != WITHOUT_RECORDINGS && version != WITHOUT_SURVEYS
                && version != CALLS_ONLY)
            {
                throw new IOException("not a snapshot of this version");
            }
            final long index = in.getLong();
            final String[] strings = readStrings(in);
            final List<String>[] lists = readLists(in, strings);
            final int count = count(in, 1);
            final List<ServiceRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final ServiceRecord record = read(in, strings, lists);
                final ServiceRecord chat = version == CALLS_ONLY ? record : record.withChat(ChatRecordCodec.read(in));
                final ServiceRecord answered = version >= WITHOUT_RECORDINGS
                    ? chat.withSatisfaction(ChatRecordCodec.readSatisfaction(in)) : chat;
                records.add(version == VERSION ? answered.withRecording(string(in, strings)) : answered);
            }
            if (in.hasRemaining())
            {
                throw new IOException("bytes after the records");
            }
            return new Loaded(index, records, file);
        }
        catch (final BufferUnderflowException | IndexOutOfBoundsException ex)
        {
            throw new IOException("cut short or inconsistent", ex);
        }
    }

    private static String[] readStrings(final ByteBuffer in) throws IOException
    {
        final String[] strings = new String[count(in, Integer.BYTES)];
        for (int i = 0; i < strings.length; i++)
        {
            final byte[] bytes = new byte[count(in, 1)];
            in.get(bytes);
            strings[i] = new String(bytes, StandardCharsets.UTF_8);
        }
        return strings;
    }

    private static List<String>[] readLists(final ByteBuffer in, final String[] strings) throws IOException
    {
        @SuppressWarnings("unchecked")
        final List<String>[] lists = new List[count(in, Integer.BYTES)];
        for (int i = 0; i < lists.length; i++)
        {
            final String[] values = new String[count(in, Integer.BYTES)];
            for (int k = 0; k < values.length; k++)
            {
                values[k] = strings[in.getInt()];
            }
            lists[i] = List.of(values);
        }
        return lists;
    }

    /** The snapshot files in a directory, newest (highest index) first. */
    static List<Path> list(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> indexOf(file) != null)
                .sorted(Comparator.comparing(JournalSnapshot::indexOf).reversed())
                .toList();
        }
    }

    private static Long indexOf(final Path file)
    {
        final String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX))
        {
            return null;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    /** A table's entries in the order of their numbers. */
    private static <T> List<T> ordered(final Map<T, Integer> table)
    {
        final List<T> ordered = new ArrayList<>(java.util.Collections.nCopies(table.size(), null));
        table.forEach((value, number) -> ordered.set(number, value));
        return ordered;
    }

    /** A count or length, no more than the bytes left could hold at {@code size} bytes each. */
    private static int count(final ByteBuffer in, final int size) throws IOException
    {
        final int count = in.getInt();
        if (count < 0 || count > in.remaining() / size)
        {
            throw new IOException("bad count " + count);
        }
        return count;
    }

    private static void write(final DataOutputStream out, final ServiceRecord record,
        final Map<String, Integer> strings, final Map<List<String>, Integer> lists) throws IOException
    {
        out.writeLong(record.id());
        out.writeLong(record.startedAt());
        out.writeLong(record.endedAt());
        for (final String value : new String[] {record.type(), record.caller(), record.callee(), record.number(),
            record.group(), record.agent(), record.ending()})
        {
            out.writeInt(value == null ? -1 : strings.get(value));
        }
        out.writeInt(lists.get(record.flowKeys()));
        out.writeInt(lists.get(record.transfers()));
        out.writeInt(lists.get(record.agents()));
        out.writeBoolean(record.answered());
        out.writeDouble(record.ringSeconds());
        out.writeDouble(record.talkSeconds());
        out.writeDouble(record.holdSeconds());
        out.writeDouble(record.wrapUpSeconds());
        ChatRecordCodec.write(out, record.chat());
        ChatRecordCodec.write(out, record.satisfaction());
        out.writeInt(record.recording() == null ? -1 : strings.get(record.recording()));
    }

    private static ServiceRecord read(final ByteBuffer in, final String[] strings, final List<String>[] lists)
    {
        final long id = in.getLong();
        final long startedAt = in.getLong();
        final long endedAt = in.getLong();
        final String type = string(in, strings);
        final String caller = string(in, strings);
        final String callee = string(in, strings);
        final String number = string(in, strings);
        final String group = string(in, strings);
        final String agent = string(in, strings);
        final String ending = string(in, strings);
        final List<String> flowKeys = lists[in.getInt()];
        final List<String> transfers = lists[in.getInt()];
        final List<String> agents = lists[in.getInt()];
        return new ServiceRecord(id, startedAt, endedAt, type, caller, callee, number, flowKeys, group, agent,
            in.get() != 0, in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble(), ending, transfers,
            agents);
    }

    private static String string(final ByteBuffer in, final String[] strings)
    {
        final int number = in.getInt();
        return number == -1 ? null : strings[number];
    }
}
