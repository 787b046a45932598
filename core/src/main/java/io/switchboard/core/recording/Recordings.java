package io.switchboard.core.recording;

import io.switchboard.core.agent.AgentDirectory;
import io.switchboard.core.config.RecordingSettings;
import io.switchboard.media.engine.AudioTap;
import io.switchboard.media.engine.MediaSession;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Call recording as a part of the server: the queue from the SIP workers, the {@code recording-writer} thread, and
 * one {@link Recorder} per worker. Launched before SIP and closed after it (the loops stopped), so that every
 * recording still open is written out and closed.
 */
public final class Recordings implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(Recordings.class);

    private final RecordingSettings settings;
    private final RecordingQueue queue;
    private final RecordingWriter writer;
    private final AgentRunner runner;
    private final Path root;

    private Recordings(final RecordingSettings settings, final Path root) throws IOException
    {
        this.settings = settings;
        this.root = root;
        this.queue = new RecordingQueue(settings.queueBytes);
        this.writer = new RecordingWriter(root, queue, System::nanoTime, Clock.systemDefaultZone(),
            settings.retentionDays, settings.minFreeMegabytes << 20);
        final ErrorHandler errors = ex -> LOG.error("recording writer failed", ex);
        this.runner = new AgentRunner(new SleepingMillisIdleStrategy(2), errors, null, writer);
    }

    /** Starts the writer thread over {@code <dataDir>/recordings}. */
    public static Recordings launch(final RecordingSettings settings, final Path dataDir) throws IOException
    {
        final Recordings recordings = new Recordings(settings, dataDir.resolve("recordings"));
        AgentRunner.startOnThread(recordings.runner);
        LOG.info("call recording {} into {} (retention {} days, at least {} MB free)",
            settings.enabled ? "on" : "off", recordings.root, settings.retentionDays, settings.minFreeMegabytes);
        return recordings;
    }

    /**
     * The recorder of one worker's calls.
     *
     * @param engineClock the media engine's clock (what its taps' {@code now} is read on)
     */
    public Recorder recorder(final AgentDirectory directory, final java.util.function.LongSupplier engineClock)
    {
        return new Recorder(queue, directory, () -> settings.enabled, engineClock, ZoneId.systemDefault());
    }

    /**
     * Records a media session that is not a call's (the media relay benchmark): the first endpoint's phone on the
     * left. Call on the session's loop; {@link #stop} ends it.
     */
    public AudioTap record(final long id, final MediaSession session)
    {
        final long now = System.nanoTime();
        final CallRecording tap = new CallRecording(id, now, queue, RecordingQueue.scratch());
        tap.session = session;
        tap.customer = session.first();
        queue.control(new RecordingQueue.Start(id, "sessions/" + id + ".wav", now));
        session.addTap(tap);
        return tap;
    }

    /** Ends a recording {@link #record} started (on the session's loop). */
    public void stop(final long id, final MediaSession session, final AudioTap tap)
    {
        session.removeTap(tap);
        queue.control(new RecordingQueue.Stop(id));
    }

    /** The writer's thread (its CPU time is the recording's cost off the loops). */
    public Thread writerThread()
    {
        return runner.thread();
    }

    public RecordingQueue queue()
    {
        return queue;
    }

    public RecordingWriter writer()
    {
        return writer;
    }

    /** The recordings folder. */
    public Path root()
    {
        return root;
    }

    @Override
    public void close()
    {
        runner.close();
    }
}
