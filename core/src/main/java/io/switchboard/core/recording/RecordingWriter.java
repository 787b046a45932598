package io.switchboard.core.recording;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The recording writer ({@code recording-writer}, an Agrona agent with one duty cycle): takes the recordings' starts,
 * marks and stops and their audio from the {@link RecordingQueue}, places the audio in each recording's WAV, and
 * about once a second ({@link #FLUSH_PERIOD_NS}) appends what is final to the files and rewrites their sizes, so a
 * kill -9 loses at most about the last second. The same beat checks the disk: below the free-space threshold every
 * open recording is closed with a gap mark and no new one starts (calls go on), with a warning, until space returns.
 * Once a day it deletes the recordings past the retention. Nothing here runs on an event loop; tests call
 * {@link #doWork} with their own clocks.
 */
public final class RecordingWriter implements org.agrona.concurrent.Agent, MessageHandler
{
    static final long NS_PER_FRAME = 1_000_000_000L / io.switchboard.media.audio.StereoWavFile.SAMPLE_RATE;
    /** How often the files are brought up to date; with {@link #LAG_NS} at most a second is lost to a kill. */
    static final long FLUSH_PERIOD_NS = 750_000_000L;
    /** Audio this recent is not final yet (a late packet may still fill it). */
    static final long LAG_NS = 250_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
    private static final int READ_LIMIT = 1024;

    private final Path root;
    private final RecordingQueue queue;
    private final LongSupplier nanoClock;
    private final Clock clock;
    private final int retentionDays;
    private final long minFreeBytes;
    private final Long2ObjectHashMap<OpenRecording> open = new Long2ObjectHashMap<>();
    private final List<Long> stopping = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private volatile int openCount;
    private long nextFlushNs;
    private LocalDate sweptOn;

    /**
     * @param root          the recordings folder ({@code <dataDir>/recordings})
     * @param nanoClock     the clock the recordings' start and arrival times are read on (the media engine's)
     * @param clock         the date the retention counts from
     * @param retentionDays 0: recordings are kept forever
     * @param minFreeBytes  the free-space threshold of the recordings' disk
     */
    public RecordingWriter(final Path root, final RecordingQueue queue, final LongSupplier nanoClock,
        final Clock clock, final int retentionDays, final long minFreeBytes) throws IOException
    {
        this.root = root;
        this.queue = queue;
        this.nanoClock = nanoClock;
        this.clock = clock;
        this.retentionDays = retentionDays;
        this.minFreeBytes = minFreeBytes;
        Files.createDirectories(root);
        guardDisk();
        nextFlushNs = nanoClock.getAsLong() + FLUSH_PERIOD_NS;
    }

    @Override
    public String roleName()
    {
        return "recording-writer";
    }

    @Override
    public int doWork()
    {
        int work = drainControls();
        int read;
        int total = 0;
        do
        {
            read = queue.ring().read(this, READ_LIMIT);
            total += read;
        }
        while (read > 0 && total < 64 * READ_LIMIT);
        work += total;
        // Every stop's audio was queued before it, so it has been read by now: the recording is complete.
        for (final Long id : stopping)
        {
            close(open.remove(id.longValue()));
        }
        work += stopping.size();
        stopping.clear();
        final long now = nanoClock.getAsLong();
        if (now - nextFlushNs >= 0)
        {
            nextFlushNs = now + FLUSH_PERIOD_NS;
            flushAll(now);
            guardDisk();
            sweepOncePerDay();
            work++;
        }
        openCount = open.size();
        return work;
    }

    private int drainControls()
    {
        int work = 0;
        RecordingQueue.Control control;
        while ((control = queue.pollControl()) != null)
        {
            work++;
            apply(control);
        }
        return work;
    }

    private void apply(final RecordingQueue.Control control)
    {
        if (control instanceof RecordingQueue.Start start)
        {
            start(start);
        }
        else if (control instanceof RecordingQueue.Mark mark)
        {
            final OpenRecording recording = open.get(mark.id());
            if (recording != null)
            {
                recording.mark(mark.atNs(), mark.kind(), mark.detail());
            }
        }
        else
        {
            stopping.add(control.id());
        }
    }

    private void start(final RecordingQueue.Start start)
    {
        if (queue.diskLow() || open.containsKey(start.id()))
        {
            return;
        }
        try
        {
            open.put(start.id(), OpenRecording.create(start.id(), start.startNs(), root.resolve(start.path())));
        }
        catch (final IOException | RuntimeException ex)
        {
            failures.incrementAndGet();
            LOG.warn("call {}: recording {} not started: {}", start.id(), start.path(), ex.toString());
        }
    }

    /** An audio message from the ring. */
    @Override
    public void onMessage(final int type, final org.agrona.MutableDirectBuffer buffer, final int index,
        final int length)
    {
        audio(buffer, index, length);
    }

    private void audio(final DirectBuffer buffer, final int index, final int length)
    {
        final long id = buffer.getLong(index);
        OpenRecording recording = open.get(id);
        if (recording == null)
        {
            // Its start may have been queued after this cycle took the controls.
            drainControls();
            recording = open.get(id);
            if (recording == null)
            {
                return;
            }
        }
        final long atNs = buffer.getLong(index + 8);
        final int channel = buffer.getByte(index + 16);
        final boolean alaw = buffer.getByte(index + 17) != 0;
        recording.wav.put(channel, atNs / NS_PER_FRAME, buffer, index + RecordingQueue.HEADER_BYTES,
            length - RecordingQueue.HEADER_BYTES, alaw);
    }

    private void flushAll(final long now)
    {
        final List<Long> failed = new ArrayList<>(0);
        for (final OpenRecording recording : open.values())
        {
            try
            {
                recording.flush(now, LAG_NS);
            }
            catch (final IOException ex)
            {
                failures.incrementAndGet();
                LOG.warn("call {}: recording stopped, writing failed: {}", recording.id, ex.toString());
                failed.add(recording.id);
            }
        }
        for (final Long id : failed)
        {
            close(open.remove(id.longValue()));
        }
    }

    private void close(final OpenRecording recording)
    {
        if (recording == null)
        {
            return;
        }
        try
        {
            recording.close();
        }
        catch (final IOException ex)
        {
            failures.incrementAndGet();
            LOG.warn("call {}: recording not closed cleanly: {}", recording.id, ex.toString());
        }
    }

    /** Below the threshold: every open recording ends with a gap mark, none starts; above it again: they may. */
    private void guardDisk()
    {
        long usable;
        try
        {
            usable = Files.getFileStore(root).getUsableSpace();
        }
        catch (final IOException ex)
        {
            usable = 0;
        }
        final boolean low = usable < minFreeBytes;
        if (low == queue.diskLow())
        {
            return;
        }
        queue.diskLow(low);
        if (low)
        {
            LOG.warn("recording stopped: {} MB free on the recordings' disk ({}), below the threshold of {} MB; "
                + "calls go on unrecorded", usable >> 20, root, minFreeBytes >> 20);
            final long now = nanoClock.getAsLong();
            for (final OpenRecording recording : open.values())
            {
                recording.mark(now - recording.startNs, "gap", "disk space low: recording stopped");
                close(recording);
            }
            open.clear();
        }
        else
        {
            LOG.info("recording resumed: {} MB free on the recordings' disk", usable >> 20);
        }
    }

    private void sweepOncePerDay()
    {
        final LocalDate today = LocalDate.now(clock);
        if (!today.equals(sweptOn))
        {
            sweptOn = today;
            RetentionSweep.sweep(root, today, retentionDays);
        }
    }

    /** Everything still queued is written, and every open recording closed (the server stops). */
    @Override
    public void onClose()
    {
        doWork();
        for (final OpenRecording recording : open.values())
        {
            close(recording);
        }
        open.clear();
        openCount = 0;
    }

    /** Recordings open now. */
    public int openCount()
    {
        return openCount;
    }

    /** Recordings that could not be created, written or closed. */
    public long failures()
    {
        return failures.get();
    }
}
