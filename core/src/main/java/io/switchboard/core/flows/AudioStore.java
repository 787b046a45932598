package io.switchboard.core.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * flows. The uploaded file itself is kept beside, in {@code originals/<id>} with its description in
 * {@code originals/<id>.json} (name, type, file name, size, uploader, time), so that a download gives back what was
 * uploaded (001 管理音频) while calls play the converted copy. Files are the state: a restart finds every upload where
 * it was, with its name (kept in files rather than the journal so that an audio and its description cannot disagree
 * after a crash between the two). Changed on one blocking-work thread; read by the SIP workers through a concurrent
 * map of immutable entries.
 */
public final class AudioStore implements AudioLibrary
{
    public static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
    private static final String ID = "[A-Za-z0-9_-]{1,64}";

    /**
     * What an administrator sees of an audio besides its sound: its name (renameable), the original file's type,
     * name and size, who uploaded it and when (epoch milliseconds; 0 and null for a file dropped in the directory).
     */
    public record Meta(String name, String type, String fileName, long size, String uploader, long uploadedAt)
    {
        Meta named(final String newName)
        {
            return new Meta(newName, type, fileName, size, uploader, uploadedAt);
        }
    }

    /** One audio: its clip, whether it is approved, and its description. */
    public record Entry(String id, AudioClip clip, boolean approved, Meta meta)
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
            BAD_ID, BAD_NAME, TOO_LARGE, WRONG_FORMAT, DOES_NOT_DECODE, UNKNOWN, EXISTS
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

    public static final int MAX_NAME = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path pending;
    private final Path originals;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public AudioStore(final Path dir) throws IOException
    {
        this.dir = dir;
        this.pending = dir.resolve("pending");
        this.originals = dir.resolve("originals");
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
                entries.put(id, new Entry(id, WavLoader.load(file), approved, meta(id, file)));
            }
        }
    }

    /** The description kept with an upload, or one made up from a file dropped in the directory. */
    private Meta meta(final String id, final Path file) throws IOException
    {
        final Path kept = originals.resolve(id + ".json");
        if (Files.isRegularFile(kept))
        {
            return JSON.readValue(kept.toFile(), Meta.class);
        }
        return new Meta(id, "audio/wav", id + ".wav", Files.size(file), null, 0);
    }

    /** Converts and keeps an upload, pending review, named by its id. */
    public Entry upload(final String id, final byte[] data) throws AudioException, IOException
    {
        return upload(id, data, id, null, null, System.currentTimeMillis());
    }

    /**
     * Converts and keeps an upload, pending review, with the original file beside the converted copy.
     *
     * @param name     what the library shows (1 to 64 characters; null or blank: the id)
     * @param fileName the uploaded file's name (null: the id with the type's extension)
     * @param uploader who uploaded it (an account's e-mail), or null
     */
    public Entry upload(final String id, final byte[] data, final String name, final String fileName,
        final String uploader, final long now) throws AudioException, IOException
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
        final String shown = name == null || name.isBlank() ? id : checkedName(name);
        final AudioClip clip = decode(id, data);
        final String type = isWav(data) ? "audio/wav" : "audio/mpeg";
        final String file = fileName == null || fileName.isBlank()
            ? id + (isWav(data) ? ".wav" : ".mp3") : safeFileName(fileName);
        final Meta meta = new Meta(shown, type, file, data.length, uploader, now);
        Files.createDirectories(originals);
        write(originals.resolve(id), data);
        write(originals.resolve(id + ".json"), JSON.writeValueAsBytes(meta));
        Files.createDirectories(pending);
        write(pending.resolve(id + ".wav"), WavWriter.ulaw(clip));
        final Entry entry = new Entry(id, clip, false, meta);
        entries.put(id, entry);
        return entry;
    }

    /** Gives the audio another name; its id (what flows refer to) stays. */
    public Entry rename(final String id, final String name) throws AudioException, IOException
    {
        final Entry entry = entry(id);
        final Meta meta = entry.meta().named(checkedName(name));
        Files.createDirectories(originals);
        write(originals.resolve(id + ".json"), JSON.writeValueAsBytes(meta));
        final Entry renamed = new Entry(id, entry.clip(), entry.approved(), meta);
        entries.put(id, renamed);
        return renamed;
    }

    private static String checkedName(final String name) throws AudioException
    {
        final String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl))
        {
            throw new AudioException(AudioException.Kind.BAD_NAME, "an audio's name is 1 to " + MAX_NAME
                + " characters, no control characters");
        }
        return trimmed;
    }

    /** The last part of a path, without quotes or control characters (it goes into Content-Disposition). */
    private static String safeFileName(final String fileName)
    {
        final String last = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        final String clean = last.replaceAll("[\\p{Cntrl}\"]", "_");
        return clean.length() > 120 ? clean.substring(clean.length() - 120) : clean;
    }

    public Entry approve(final String id) throws AudioException, IOException
    {
        final Entry entry = entry(id);
        if (!entry.approved())
        {
            Files.move(pending.resolve(id + ".wav"), dir.resolve(id + ".wav"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
            entries.put(id, new Entry(id, entry.clip(), true, entry.meta()));
        }
        return entries.get(id);
    }

    /** Deletes an audio; the caller has checked that no flow uses it. */
    public void delete(final String id) throws AudioException, IOException
    {
        final Entry entry = entry(id);
        Files.deleteIfExists((entry.approved() ? dir : pending).resolve(id + ".wav"));
        Files.deleteIfExists(originals.resolve(id + ".json"));
        Files.deleteIfExists(originals.resolve(id));
        entries.remove(id);
    }

    /** The stored 8 kHz µ-law WAV, as it plays. */
    public byte[] download(final String id) throws AudioException
    {
        return WavWriter.ulaw(entry(id).clip());
    }

    /** The file as it was uploaded (a file dropped in the directory is its own original). */
    public byte[] original(final String id) throws AudioException, IOException
    {
        final Entry entry = entry(id);
        final Path kept = originals.resolve(id);
        return Files.readAllBytes(Files.isRegularFile(kept) ? kept
            : (entry.approved() ? dir : pending).resolve(id + ".wav"));
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

    private static boolean isWav(final byte[] data)
    {
        return data.length > 12 && new String(data, 0, 4).equals("RIFF") && new String(data, 8, 4).equals("WAVE");
    }

    /** WAV by its RIFF header, MP3 by an ID3 tag or a frame sync; anything else is the wrong format. */
    private static AudioClip decode(final String id, final byte[] data) throws AudioException
    {
        final boolean wav = isWav(data);
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
