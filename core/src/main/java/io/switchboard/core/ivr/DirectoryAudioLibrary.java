package io.switchboard.core.ivr;

import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.WavLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Audio from a directory of WAV files, each {@code <id>.wav}, loaded (and converted to 8 kHz) once at start. Files
 * an administrator put there are approved. A WAV that does not load stops the start with its name and reason.
 */
public final class DirectoryAudioLibrary implements AudioLibrary
{
    private final Map<String, AudioClip> clips = new ConcurrentHashMap<>();

    public DirectoryAudioLibrary(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".wav")).sorted()::iterator)
            {
                final String name = file.getFileName().toString();
                clips.put(name.substring(0, name.length() - 4), WavLoader.load(file));
            }
        }
    }

    @Override
    public AudioClip clip(final String id)
    {
        return id == null ? null : clips.get(id);
    }

    @Override
    public boolean exists(final String id)
    {
        return id != null && clips.containsKey(id);
    }

    @Override
    public boolean approved(final String id)
    {
        return exists(id);
    }
}
