package io.switchboard.media.audio;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * MP3 to an 8 kHz clip: JLayer decodes the frames to 16-bit PCM (any MPEG 1/2/2.5 layer I-III), the channels are
 * mixed down, and {@link WavLoader} resamples with its windowed-sinc filter. The JDK has no MP3 decoder of its own.
 */
public final class Mp3Decoder
{
    /** Longest audio accepted (a prompt or a piece of music, not an album). */
    private static final int MAX_SECONDS = 600;

    private Mp3Decoder()
    {
    }

    public static AudioClip decode(final String name, final InputStream in) throws IOException
    {
        final Bitstream bitstream = new Bitstream(in);
        final Decoder decoder = new Decoder();
        final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        int rate = 0;
        try
        {
            for (Header header = bitstream.readFrame(); header != null; header = bitstream.readFrame())
            {
                final SampleBuffer frame = (SampleBuffer)decoder.decodeFrame(header, bitstream);
                rate = frame.getSampleFrequency();
                mix(frame, pcm);
                bitstream.closeFrame();
                if (rate > 0 && pcm.size() / 2 > MAX_SECONDS * rate)
                {
                    throw new IOException(name + " is longer than " + MAX_SECONDS + " s");
                }
            }
        }
        catch (final BitstreamException | DecoderException | RuntimeException ex)
        {
            throw new IOException(name + " does not decode as MP3: " + ex.getMessage(), ex);
        }
        if (pcm.size() == 0 || rate < 8000)
        {
            throw new IOException(name + " has no MP3 audio in it");
        }
        return WavLoader.load(name, wav(pcm.toByteArray(), rate));
    }

    private static void mix(final SampleBuffer frame, final ByteArrayOutputStream pcm)
    {
        final short[] samples = frame.getBuffer();
        final int channels = frame.getChannelCount();
        final int count = frame.getBufferLength() / channels;
        final ByteBuffer out = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++)
        {
            int sum = 0;
            for (int c = 0; c < channels; c++)
            {
                sum += samples[i * channels + c];
            }
            out.putShort((short)(sum / channels));
        }
        pcm.write(out.array(), 0, out.position());
    }

    private static InputStream wav(final byte[] pcm, final int rate) throws IOException
    {
        final AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 64);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2),
            AudioFileFormat.Type.WAVE, out);
        return new ByteArrayInputStream(out.toByteArray());
    }
}
