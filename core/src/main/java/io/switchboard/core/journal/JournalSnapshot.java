package io.switchboard.core.journal;

import io.switchboard.core.records.ServiceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Snapshots of the service records, beside the journal ({@code snapshot-<index>.bin}): the records of every
 * {@code record} entry up to the journal position {@code index}, in a compact binary form that reads several times
 * faster than the entries' JSON. At start the newest valid snapshot is loaded and the journal's {@code record}
 * entries up to its index are passed over unread; every other entry is still replayed from the start.
 * <p>
 * A file: magic, version, index, count, the records (fields in order; a string is its UTF-8 length, -1 for null,
 * then its bytes), and a CRC-32 of everything before it. It is written to a temporary file, forced to disk and
 * renamed into place; the newest {@value #KEPT} are kept. One that is cut short or fails its checksum is ignored
 * with a warning, and the one before it (or a full replay) is used instead.
 */
public final class JournalSnapshot
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalSnapshot.class);
    private static final int MAGIC = 0x5342534E;
    private static final int VERSION = 1;
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
            final CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16),
                new CRC32());
            final DataOutputStream out = new DataOutputStream(checked);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(index);
            out.writeInt(records.size());
            for (final ServiceRecord record : records)
            {
                write(out, record);
            }
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

    /** Reads one snapshot whole, checking its checksum. */
    public static Loaded read(final Path file) throws IOException
    {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            final CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            final DataInputStream in = new DataInputStream(checked);
            if (in.readInt() != MAGIC || in.readInt() != VERSION)
            {
                throw new IOException("not a snapshot of this version");
            }
            final long index = in.readLong();
            final int count = in.readInt();
            if (count < 0)
            {
                throw new IOException("bad record count " + count);
            }
            final List<ServiceRecord> records = new ArrayList<>(Math.min(count, 1 << 20));
            for (int i = 0; i < count; i++)
            {
                records.add(read(in));
            }
            final long computed = checked.getChecksum().getValue();
            if (in.readLong() != computed || in.read() != -1)
            {
                throw new IOException("checksum mismatch");
            }
            return new Loaded(index, records, file);
        }
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

    private static void write(final DataOutputStream out, final ServiceRecord record) throws IOException
    {
        out.writeLong(record.id());
        out.writeLong(record.startedAt());
        out.writeLong(record.endedAt());
        string(out, record.type());
        string(out, record.caller());
        string(out, record.callee());
        string(out, record.number());
        strings(out, record.flowKeys());
        string(out, record.group());
        string(out, record.agent());
        out.writeBoolean(record.answered());
        out.writeDouble(record.ringSeconds());
        out.writeDouble(record.talkSeconds());
        out.writeDouble(record.holdSeconds());
        out.writeDouble(record.wrapUpSeconds());
        string(out, record.ending());
        strings(out, record.transfers());
        strings(out, record.agents());
    }

    private static ServiceRecord read(final DataInputStream in) throws IOException
    {
        return new ServiceRecord(in.readLong(), in.readLong(), in.readLong(), string(in), string(in), string(in),
            string(in), strings(in), string(in), string(in), in.readBoolean(), in.readDouble(), in.readDouble(),
            in.readDouble(), in.readDouble(), string(in), strings(in), strings(in));
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

    private static String string(final DataInputStream in) throws IOException
    {
        final int length = in.readInt();
        if (length == -1)
        {
            return null;
        }
        if (length < 0 || length > 1 << 20)
        {
            throw new IOException("bad string length " + length);
        }
        final byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void strings(final DataOutputStream out, final List<String> values) throws IOException
    {
        out.writeInt(values.size());
        for (final String value : values)
        {
            string(out, value);
        }
    }

    private static List<String> strings(final DataInputStream in) throws IOException
    {
        final int count = in.readInt();
        if (count < 0 || count > 1 << 16)
        {
            throw new EOFException("bad list length " + count);
        }
        final List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            values.add(string(in));
        }
        return values;
    }
}
