package io.switchboard.media.audio;

import io.netty.buffer.ByteBuf;
import io.switchboard.media.codec.G711;

/**
 * A playback position over an {@link AudioClip}, handing it out one 20 ms frame at a time. Reused from prompt to
 * prompt by its stream, so starting a clip allocates nothing. Not thread safe.
 */
public final class ClipCursor
{
    private AudioClip clip;
    private boolean loop;
    private int position;

    /** An idle cursor. */
    public ClipCursor()
    {
    }

    /**
     * @param clip what to play from its start.
     * @param loop whether to start over at its end instead of finishing (music on hold, ringback).
     */
    public void start(final AudioClip clip, final boolean loop)
    {
        this.clip = clip;
        this.loop = loop;
        this.position = 0;
    }

    /** @return whether another frame remains: a clip is playing and, unless looping, not yet finished. */
    public boolean active()
    {
        return clip != null && (loop || position < clip.samples());
    }

    /**
     * Appends the next frame at the writerIndex.
     *
     * @param out  where to write.
     * @param alaw A-law if true, else µ-law.
     * @return {@value AudioClip#FRAME_SAMPLES} samples written (the last frame of a clip padded with silence), or
     *         0 when nothing is playing or a non-looping clip has finished.
     */
    public int nextFrame(final ByteBuf out, final boolean alaw)
    {
        if (!active())
        {
            return 0;
        }
        final int length = clip.samples();
        int written = 0;
        while (written < AudioClip.FRAME_SAMPLES && length > 0)
        {
            if (position == length)
            {
                if (!loop)
                {
                    break;
                }
                position = 0;
            }
            final int n = Math.min(AudioClip.FRAME_SAMPLES - written, length - position);
            copy(out, alaw, n);
            position += n;
            written += n;
        }
        final byte silence = alaw ? G711.ALAW_SILENCE : G711.ULAW_SILENCE;
        for (int i = written; i < AudioClip.FRAME_SAMPLES; i++)
        {
            out.writeByte(silence);
        }
        return AudioClip.FRAME_SAMPLES;
    }

    /** Stops playing; {@link #active()} is false afterwards. */
    public void stop()
    {
        clip = null;
    }

    private void copy(final ByteBuf out, final boolean alaw, final int n)
    {
        if (alaw)
        {
            clip.copyAlaw(position, out, n);
        }
        else
        {
            clip.copyUlaw(position, out, n);
        }
    }
}
