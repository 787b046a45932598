package io.switchboard.core.flows;

import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.WavLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Text to speech with espeak-ng (Debian's package): each text and voice is rendered once to a WAV file in the cache
 * directory (named by a hash of both) and kept in memory as an 8 kHz clip. Rendering runs a process, so it happens
 * on the executor given, never on an event loop; callers get a future.
 */
public final class SpeechSynthesizer
{
    private static final Logger LOG = LoggerFactory.getLogger(SpeechSynthesizer.class);
    private static final long RENDER_SECONDS = 20;

    private final Path cache;
    private final Executor executor;
    private final boolean available;
    private final Map<String, CompletableFuture<AudioClip>> clips = new ConcurrentHashMap<>();

    public SpeechSynthesizer(final Path cache, final Executor executor)
    {
        this.cache = cache;
        this.executor = executor;
        this.available = probe();
    }

    /** Whether espeak-ng can be run. */
    public boolean available()
    {
        return available;
    }

    /** The voices flows may use: {@code en} (English) and {@code zh} (Mandarin). */
    public static String espeakVoice(final String voice)
    {
        return "zh".equals(voice) ? "cmn" : "en";
    }

    /** The clip of {@code text} spoken in {@code voice}, rendered once. */
    public CompletableFuture<AudioClip> clip(final String voice, final String text)
    {
        final String key = key(voice, text);
        return clips.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> render(k, voice, text), executor));
    }

    private AudioClip render(final String key, final String voice, final String text)
    {
        final Path wav = cache.resolve(key + ".wav");
        try
        {
            if (!Files.exists(wav))
            {
                Files.createDirectories(cache);
                final Path partial = cache.resolve(key + ".part.wav");
                final Process process = new ProcessBuilder("espeak-ng", "-v", espeakVoice(voice), "-w",
                    partial.toString(), "--", text).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (!process.waitFor(RENDER_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0)
                {
                    process.destroyForcibly();
                    throw new IOException("espeak-ng failed for voice " + voice);
                }
                Files.move(partial, wav, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return WavLoader.load(wav);
        }
        catch (final IOException ex)
        {
            clips.remove(key);
            throw new IllegalStateException("text to speech failed: " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            clips.remove(key);
            throw new IllegalStateException("text to speech interrupted", ex);
        }
    }

    private static String key(final String voice, final String text)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(voice.getBytes(StandardCharsets.UTF_8));
            digest.update((byte)0);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return voice + "-" + HexFormat.of().formatHex(digest.digest(), 0, 12);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean probe()
    {
        try
        {
            final Process process = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            LOG.info("espeak-ng is not installed: flows cannot use text to speech ({})", ex.getMessage());
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
