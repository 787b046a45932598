package io.switchboard.media.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest
{
    private static final long MS = 1_000_000L;

    /** Records when each frame was due and when it went out. */
    private static final class Recorder extends Pacer.Stream
    {
        final List<long[]> frames = new ArrayList<>();
        int limit = Integer.MAX_VALUE;

        @Override
        protected boolean onFrame(final long deadline, final long now)
        {
            frames.add(new long[] {deadline, now});
            return frames.size() < limit;
        }
    }

    @Test
    void deadlinesAreWholeFramesFromTheStartHoweverIrregularThePolls()
    {
        final long start = 5_000 * MS;
        final Pacer pacer = new Pacer(start);
        final Recorder stream = new Recorder();
        pacer.start(stream, start);
        final Random random = new Random(42);
        long now = start;
        while (now < start + 60_000 * MS)
        {
            now += random.nextInt(2_500_000);
            pacer.poll(now);
        }
        // One minute of frames at 20 ms: 3000 (+1 for the frame at the start itself), none skipped or doubled.
        assertEquals((now - start) / Pacer.FRAME_NANOS + 1, stream.frames.size());
        for (int i = 0; i < stream.frames.size(); i++)
        {
            final long[] frame = stream.frames.get(i);
            assertEquals(start + i * Pacer.FRAME_NANOS, frame[0], "frame " + i + " deadline drifted");
            final long late = frame[1] - frame[0];
            assertTrue(late >= 0 && late < 2_500_000 + (1L << 20), "frame " + i + " late by " + late);
        }
        assertEquals(0, pacer.framesSkipped());
    }

    @Test
    void manyStreamsKeepTheirOwnPhase()
    {
        final Pacer pacer = new Pacer(0);
        final Recorder[] streams = new Recorder[500];
        for (int i = 0; i < streams.length; i++)
        {
            streams[i] = new Recorder();
            pacer.start(streams[i], i * 37_000L);
        }
        for (long now = 0; now < 1_000 * MS; now += MS)
        {
            pacer.poll(now);
        }
        for (int i = 0; i < streams.length; i++)
        {
            final List<long[]> frames = streams[i].frames;
            assertEquals(50, frames.size(), "stream " + i);
            assertEquals(i * 37_000L + 49 * Pacer.FRAME_NANOS, frames.get(49)[0]);
        }
        assertEquals(500, pacer.streams());
    }

    @Test
    void aStalledLoopSkipsTheFramesItMissedInsteadOfBurstingThem()
    {
        final Pacer pacer = new Pacer(0);
        final Recorder stream = new Recorder();
        pacer.start(stream, 0);
        pacer.poll(0);
        pacer.poll(500 * MS);
        // Half a second late: the frames up to three packet times late still go, the older ones are skipped.
        assertTrue(stream.frames.size() <= 1 + 4, "burst of " + stream.frames.size());
        assertTrue(pacer.framesSkipped() >= 20, "skipped " + pacer.framesSkipped());
        final int before = stream.frames.size();
        pacer.poll(520 * MS);
        assertEquals(before + 1, stream.frames.size());
        assertEquals(0, stream.frames.get(before)[0] % Pacer.FRAME_NANOS, "phase kept after skipping");
    }

    @Test
    void aStreamStopsWhenItSaysSoOrIsStopped()
    {
        final Pacer pacer = new Pacer(0);
        final Recorder finite = new Recorder();
        finite.limit = 3;
        final Recorder stopped = new Recorder();
        pacer.start(finite, 0);
        pacer.start(stopped, 0);
        pacer.poll(30 * MS);
        pacer.stop(stopped);
        assertEquals(1, pacer.streams());
        for (long now = 30 * MS; now < 200 * MS; now += MS)
        {
            pacer.poll(now);
        }
        assertEquals(3, finite.frames.size());
        assertEquals(2, stopped.frames.size());
        assertEquals(0, pacer.streams());
        // An idle pacer restarted hours later has no backlog of ticks to walk.
        pacer.start(stopped, 3_600_000 * MS);
        assertEquals(1, pacer.poll(3_600_000 * MS + MS));
    }
}
