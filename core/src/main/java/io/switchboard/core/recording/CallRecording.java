package io.switchboard.core.recording;

import io.netty.buffer.ByteBuf;
import io.switchboard.media.audio.StereoWavFile;
import io.switchboard.media.engine.AudioTap;
import io.switchboard.media.engine.Endpoint;
import io.switchboard.media.engine.MediaSession;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The tap of one recorded call on its media session, on the call's owner loop: each phone's packet is copied onto
 * the writer's ring, the customer's on the left channel and the agent's on the right, timed from the recording's
 * start. While either party is on hold nothing is recorded (the hold music never reaches a tap, and a phone's own
 * music must not be recorded either): a hold mark and an unhold mark frame the silence. Packets the full ring drops
 * leave a gap, marked once the ring takes packets again.
 */
final class CallRecording implements AudioTap
{
    final long id;
    final long startNs;
    private final RecordingQueue queue;
    private final UnsafeBuffer scratch;
    MediaSession session;
    /** The customer's endpoint (left channel); the other endpoint of the session is the agent's. */
    Endpoint customer;
    /** The leg that answered last: a new one is a transfer's segment. */
    Object agentLeg;
    private boolean held;
    private long gapSinceNs = -1;

    CallRecording(final long id, final long startNs, final RecordingQueue queue, final UnsafeBuffer scratch)
    {
        this.id = id;
        this.startNs = startNs;
        this.queue = queue;
        this.scratch = scratch;
    }

    @Override
    public void onAudio(final Endpoint from, final ByteBuf packet, final int payloadIndex, final int length,
        final boolean alaw, final long now)
    {
        if (holdChanged(now) || held)
        {
            return;
        }
        final int channel = from == customer ? StereoWavFile.LEFT : StereoWavFile.RIGHT;
        final boolean queued = queue.audio(scratch, id, now - startNs, channel, alaw, packet, payloadIndex, length);
        if (!queued && gapSinceNs < 0)
        {
            gapSinceNs = now;
        }
        else if (queued && gapSinceNs >= 0)
        {
            mark(gapSinceNs, "gap", String.format(java.util.Locale.ROOT, "%.3f s lost (recording queue full)",
                (now - gapSinceNs) / 1e9));
            gapSinceNs = -1;
        }
    }

    /** Marks a change of hold (either party held or neither); true if it changed. */
    boolean holdChanged(final long now)
    {
        final boolean heldNow = session != null && (session.first().held() || session.second().held());
        if (heldNow == held)
        {
            return false;
        }
        held = heldNow;
        mark(now, heldNow ? "hold" : "unhold", "");
        return true;
    }

    void mark(final long atNs, final String kind, final String detail)
    {
        queue.control(new RecordingQueue.Mark(id, Math.max(0, atNs - startNs), kind, detail));
    }
}
