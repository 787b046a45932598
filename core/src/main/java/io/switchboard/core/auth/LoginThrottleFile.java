package io.switchboard.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The log-in throttle's failures and blocks kept in {@code <dataDir>/login-throttle.json}, so that a restart (or a
 * crash an attacker provoked) does not give a guesser a fresh allowance. Small and rewritten whole: a snapshot is
 * made on the API's loop after each change and written by a thread of its own (a newer snapshot replaces one not yet
 * written), to a temporary file moved over the old one, so a crash leaves the old or the new file, never half of
 * one. Keys are digests (see {@link LoginThrottle}). A file that cannot be read is logged and ignored: the server
 * starts with no failures rather than not at all.
 */
public final class LoginThrottleFile implements AutoCloseable
{
    public static final String NAME = "login-throttle.json";
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottleFile.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int VERSION = 1;

    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task ->
    {
        final Thread thread = new Thread(task, "login-throttle-writer");
        thread.setDaemon(true);
        return thread;
    });
    /** The newest snapshot not yet written, or null. */
    private final AtomicReference<byte[]> pending = new AtomicReference<>();

    private LoginThrottleFile(final Path file)
    {
        this.file = file;
    }

    /**
     * Restores the throttle from the file in {@code dataDir} (if any) and saves it there after each change from now
     * on; close the answer to write the last change and stop the writer.
     */
    public static LoginThrottleFile attach(final LoginThrottle throttle, final Path dataDir)
    {
        final LoginThrottleFile saved = new LoginThrottleFile(dataDir.resolve(NAME));
        throttle.restore(saved.read());
        throttle.onChange(() -> saved.save(throttle.snapshot()));
        return saved;
    }

    /** What the file holds; empty when there is none or it cannot be read. */
    List<LoginThrottle.Saved> read()
    {
        final List<LoginThrottle.Saved> saved = new ArrayList<>();
        if (!Files.exists(file))
        {
            return saved;
        }
        try
        {
            final JsonNode root = JSON.readTree(file.toFile());
            for (final JsonNode entry : root.path("entries"))
            {
                final JsonNode times = entry.path("failedAt");
                final long[] failedAt = new long[times.size()];
                for (int i = 0; i < failedAt.length; i++)
                {
                    failedAt[i] = times.get(i).asLong();
                }
                saved.add(new LoginThrottle.Saved(entry.path("key").asText(), failedAt,
                    entry.path("blockedUntil").asLong()));
            }
            LOG.info("log-in throttle: {} keys with failures or blocks from {}", saved.size(), file);
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("log-in throttle: {} cannot be read ({}); starting without its failures", file, ex.toString());
            saved.clear();
        }
        return saved;
    }

    /** Queues the snapshot for writing (the owner's thread; the writing is done on the writer's). */
    void save(final List<LoginThrottle.Saved> snapshot)
    {
        final ObjectNode root = JSON.createObjectNode().put("version", VERSION);
        final ArrayNode entries = root.putArray("entries");
        for (final LoginThrottle.Saved one : snapshot)
        {
            final ObjectNode entry = entries.addObject().put("key", one.key());
            final ArrayNode times = entry.putArray("failedAt");
            for (final long at : one.failedAtMs())
            {
                times.add(at);
            }
            entry.put("blockedUntil", one.blockedUntilMs());
        }
        final byte[] bytes;
        try
        {
            bytes = JSON.writeValueAsBytes(root);
        }
        catch (final IOException ex)
        {
            LOG.warn("log-in throttle: cannot encode its state: {}", ex.toString());
            return;
        }
        if (pending.getAndSet(bytes) == null && !writer.isShutdown())
        {
            writer.execute(this::write);
        }
    }

    private void write()
    {
        final byte[] bytes = pending.getAndSet(null);
        if (bytes == null)
        {
            return;
        }
        try
        {
            Files.createDirectories(file.getParent());
            final Path temporary = file.resolveSibling(NAME + ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            LOG.warn("log-in throttle: cannot write {}: {}", file, ex.toString());
        }
    }

    /** Writes what is still pending, then stops the writer. */
    @Override
    public void close()
    {
        writer.shutdown();
        try
        {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS))
            {
                LOG.warn("log-in throttle: {} not written within 5 s at close", file);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        write();
    }
}
