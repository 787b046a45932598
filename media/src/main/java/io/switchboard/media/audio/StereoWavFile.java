package io.switchboard.media.audio;

import io.switchboard.media.codec.G711;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A two-channel recording being written: 8 kHz 16-bit PCM WAV, left and right filled separately from G.711 packets
 * placed by their arrival time (silence where nothing arrived). Frames are kept in a window of memory until they are
 * final, then appended to the file; every {@link #flush} also rewrites the RIFF and data sizes, so the file is a
 * valid WAV after each one: a process killed at any moment leaves a playable file missing only what it had not
 * flushed. One thread uses it (the recording writer); nothing is allocated per packet.
 */
public final class StereoWavFile implements AutoCloseable
{
    public static final int SAMPLE_RATE = 8000;
    public static final int LEFT = 0;
    public static final int RIGHT = 1;
    /** Bytes per stereo frame: two 16-bit samples. */
    public static final int FRAME_BYTES = 4;
    public static final int HEADER_BYTES = 44;
    /**
     * A packet arriving up to this many frames (60 ms) after the channel's last one's end continues it: network
     * jitter does not cut the audio into pieces. Later than that it starts where its arrival time says, after
     * silence.
     */
    static final long JITTER_FRAMES = 480;

    private final FileChannel file;
    private final ByteBuffer window;
    private final int windowFrames;
    private final ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    /** Frames appended to the file so far. */
    private long flushed;
    /** Per channel, the frame where the channel's next packet continues; -1 before its first packet. */
    private final long[] next = {-1, -1};
    private long dropped;

    private StereoWavFile(final FileChannel file, final int windowFrames)
    {
        this.file = file;
        this.windowFrames = windowFrames;
        this.window = ByteBuffer.allocate(windowFrames * FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates (or truncates) the file with an empty WAV's header.
     *
     * @param windowFrames how many frames not yet final are kept in memory (at least two flush periods' worth)
     */
    public static StereoWavFile create(final Path path, final int windowFrames) throws IOException
    {
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
        final StereoWavFile wav = new StereoWavFile(channel, windowFrames);
        try
        {
            channel.write(header(0), 0);
        }
        catch (final IOException ex)
        {
            channel.close();
            throw ex;
        }
        return wav;
    }

    /** The 44-byte header of a stereo 8 kHz 16-bit PCM WAV holding {@code dataBytes} of samples. */
    static ByteBuffer header(final long dataBytes)
    {
        final ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int)(36 + dataBytes));
        h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        h.putShort((short)1).putShort((short)2).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * FRAME_BYTES);
        h.putShort((short)FRAME_BYTES).putShort((short)16);
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int)dataBytes);
        return h.flip();
    }

    /**
     * Places one packet's G.711 samples on a channel: where the channel's last packet ended if it arrived about then
     * (within the jitter allowance), else at its arrival frame. Samples before the flushed part or beyond the
     * window are dropped (counted in {@link #droppedSamples}).
     *
     * @param arrivalFrame the packet's arrival since the recording started, in frames (1/8000 s)
     */
    public void put(final int channel, final long arrivalFrame, final DirectBuffer src, final int index,
        final int length, final boolean alaw)
    {
        long at = next[channel];
        if (at < 0 || arrivalFrame > at + JITTER_FRAMES || arrivalFrame + 8 * JITTER_FRAMES < at)
        {
            at = arrivalFrame;
        }
        final long limit = flushed + windowFrames;
        for (int i = 0; i < length; i++)
        {
            final long frame = at + i;
            if (frame < flushed || frame >= limit)
            {
                dropped++;
                continue;
            }
            final byte code = src.getByte(index + i);
            final int pcm = alaw ? G711.alawToLinear(code) : G711.ulawToLinear(code);
            window.putShort((int)(frame % windowFrames) * FRAME_BYTES + channel * 2, (short)pcm);
        }
        next[channel] = at + length;
    }

    /**
     * Appends the frames before {@code upTo} (at most the window's) to the file, silence where nothing was put, and
     * rewrites the sizes in the header: the file is a complete WAV after it.
     */
    public void flush(final long upTo) throws IOException
    {
        final long end = Math.min(upTo, flushed + windowFrames);
        while (flushed < end)
        {
            final int slot = (int)(flushed % windowFrames);
            final int frames = (int)Math.min(end - flushed, windowFrames - slot);
            final ByteBuffer slice = window.duplicate().position(slot * FRAME_BYTES)
                .limit((slot + frames) * FRAME_BYTES);
            long position = HEADER_BYTES + flushed * FRAME_BYTES;
            while (slice.hasRemaining())
            {
                position += file.write(slice, position);
            }
            java.util.Arrays.fill(window.array(), slot * FRAME_BYTES, (slot + frames) * FRAME_BYTES, (byte)0);
            flushed += frames;
        }
        final long data = flushed * FRAME_BYTES;
        writeSize(4, 36 + data);
        writeSize(40, data);
    }

    private void writeSize(final long offset, final long value) throws IOException
    {
        sizes.clear();
        sizes.putInt(0, (int)value);
        file.write(sizes, offset);
    }

    /** The frame after the last one either channel has put: where the recording ends if it ends now. */
    public long end()
    {
        return Math.max(Math.max(next[LEFT], next[RIGHT]), flushed);
    }

    /** Frames in the file so far. */
    public long flushedFrames()
    {
        return flushed;
    }

    /** Samples dropped because they came too late (already flushed) or too early (beyond the window). */
    public long droppedSamples()
    {
        return dropped;
    }

    /** Flushes up to {@link #end} and closes the file. */
    @Override
    public void close() throws IOException
    {
        try
        {
            flush(end());
        }
        finally
        {
            file.close();
        }
    }
}
