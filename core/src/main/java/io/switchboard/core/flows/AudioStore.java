package io.switchboard.core.flows;

import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.Mp3Decoder;
import io.switchboard.media.audio.WavLoader;
import io.switchboard.media.audio.WavWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The audio library: uploads (WAV or MP3, up to 5 MB) are converted once to the internal 8 kHz format and kept as
 * µ-law WAV files, first in {@code pending/} until an administrator approves them, then in the directory itself
 * (where an administrator may also drop files, approved by being there). Only approved audio plays in published
 * flows. Files are the state: a restart finds every upload where it was. Changed from the API's loop; read by the
 * SIP workers through a concurrent map of immutable entries.
 */
public final class AudioStore implements AudioLibrary
{
    public static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
    private static final String ID = "[A-Za-z0-9_-]{1,64}";

    /** One audio: its clip and whether it is approved. */
    public record Entry(String id, AudioClip clip, boolean approved)
    {
        public long durationMillis()
        {
            return clip.durationMillis();
        }
    }

    /** Why an upload or a change was refused. */
    public static final class AudioException extends Exception
    {
        private static final long serialVersionUID = 1L;

        /** The kinds of refusal. */
        public enum Kind
        {
            BAD_ID, TOO_LARGE, WRONG_FORMAT, DOES_NOT_DECODE, UNKNOWN, EXISTS
        }

        private final Kind kind;

        public AudioException(final Kind kind, final String message)
        {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind()
        {
            return kind;
        }
    }

    private final Path dir;
    private final Path pending;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AudioStore(final Path dir) throws IOException
    {
        this.dir = dir;
        this.pending = dir.resolve("pending");
        load(dir, true);
        load(pending, false);
    }

    private void load(final Path from, final boolean approved) throws IOException
    {
        if (!Files.isDirectory(from))
        {
            return;
        }
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".wav")).sorted()::iterator)
            {
                final String name = file.getFileName().toString();
                final String id = name.substring(0, name.length() - 4);
                entries.put(id, new Entry(id, WavLoader.load(file), approved));
            }
        }
    }

    /** Converts and keeps an upload, pending review. */
    public Entry upload(final String id, final byte[] data) throws AudioException, IOException
    {
        if (id == null || !id.matches(ID))
        {
            throw new AudioException(AudioException.Kind.BAD_ID, "an audio id is 1 to 64 of A-Z a-z 0-9 _ -");
        }
        if (entries.containsKey(id))
        {
            throw new AudioException(AudioException.Kind.EXISTS, "audio " + id + " exists; delete it first");
        }
        if (data.length > MAX_UPLOAD_BYTES)
        {
            throw new AudioException(AudioException.Kind.TOO_LARGE, "the file has " + data.length
                + " bytes; the most is " + MAX_UPLOAD_BYTES + " (5 MB)");
        }
        final AudioClip clip = decode(id, data);
        Files.createDirectories(pending);
        write(pending.resolve(id + ".wav"), WavWriter.ulaw(clip));
        final Entry entry = new Entry(id, clip, false);
        entries.put(id, entry);
        return entry;
    }

    public Entry approve(final String id) throws AudioException, IOException
    {
        final Entry entry = entry(id);
        if (!entry.approved())
        {
            Files.move(pending.resolve(id + ".wav"), dir.resolve(id + ".wav"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
            entries.put(id, new Entry(id, entry.clip(), true));
        }
        return entries.get(id);
    }

    /** Deletes an audio; the caller has checked that no flow uses it. */
    public void delete(final String id) throws AudioException, IOException
    {
        final Entry entry = entry(id);
        Files.deleteIfExists((entry.approved() ? dir : pending).resolve(id + ".wav"));
        entries.remove(id);
    }

    /** The stored 8 kHz µ-law WAV, as it plays. */
    public byte[] download(final String id) throws AudioException
    {
        return WavWriter.ulaw(entry(id).clip());
    }

    public Entry entry(final String id) throws AudioException
    {
        final Entry entry = id == null ? null : entries.get(id);
        if (entry == null)
        {
            throw new AudioException(AudioException.Kind.UNKNOWN, "no audio " + id);
        }
        return entry;
    }

    public List<Entry> list()
    {
        final List<Entry> list = new ArrayList<>(entries.values());
        list.sort(Comparator.comparing(Entry::id));
        return list;
    }

    @Override
    public AudioClip clip(final String id)
    {
        final Entry entry = id == null ? null : entries.get(id);
        return entry != null && entry.approved() ? entry.clip() : null;
    }

    @Override
    public boolean exists(final String id)
    {
        return id != null && entries.containsKey(id);
    }

    @Override
    public boolean approved(final String id)
    {
        final Entry entry = id == null ? null : entries.get(id);
        return entry != null && entry.approved();
    }

    /** WAV by its RIFF header, MP3 by an ID3 tag or a frame sync; anything else is the wrong format. */
    private static AudioClip decode(final String id, final byte[] data) throws AudioException
    {
        final boolean wav = data.length > 12 && new String(data, 0, 4).equals("RIFF")
            && new String(data, 8, 4).equals("WAVE");
        final boolean mp3 = data.length > 3 && (new String(data, 0, 3).equals("ID3")
            || (data[0] & 0xff) == 0xff && (data[1] & 0xe0) == 0xe0);
        if (!wav && !mp3)
        {
            throw new AudioException(AudioException.Kind.WRONG_FORMAT, "only WAV and MP3 files are accepted");
        }
        try
        {
            return wav ? WavLoader.load(id, new ByteArrayInputStream(data))
                : Mp3Decoder.decode(id, new ByteArrayInputStream(data));
        }
        catch (final IOException ex)
        {
            throw new AudioException(AudioException.Kind.DOES_NOT_DECODE, ex.getMessage());
        }
    }

    private static void write(final Path file, final byte[] bytes) throws IOException
    {
        final Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
