package io.switchboard.core.system;

import io.switchboard.media.codec.G711;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading a recording back: its header checked, its channels, a tone's share of a block, a signal found in it. */
final class RecordingChecks
{
    static final int TONE_HZ = 1000;

    private RecordingChecks()
    {
    }

    /** A stereo 8 kHz 16-bit WAV whose header matches its size: its left and right samples. */
    static short[][] channels(final Path wav) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(wav);
        final ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(2, data.getShort(22), "stereo");
        assertEquals(8000, data.getInt(24), "8 kHz");
        assertEquals(16, data.getShort(34), "16-bit");
        final int frames = data.getInt(40) / 4;
        final short[][] channels = new short[2][frames];
        for (int i = 0; i < frames; i++)
        {
            channels[0][i] = data.getShort(44 + i * 4);
            channels[1][i] = data.getShort(44 + i * 4 + 2);
        }
        return channels;
    }

    /** Frame {@code n} of a 1 kHz tone in µ-law (a whole number of periods per frame: frames join smoothly). */
    static byte[] toneFrame(final int n)
    {
        final byte[] frame = new byte[160];
        for (int i = 0; i < frame.length; i++)
        {
            frame[i] = G711.linearToUlaw((int)(8000 * Math.sin(2 * Math.PI * TONE_HZ * i / 8000.0)));
        }
        return frame;
    }

    /** The share of the block's energy at {@code hz} (Goertzel): 1 for a pure tone of it, about 0 for others. */
    static double share(final short[] samples, final int from, final int length, final int hz)
    {
        final double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = from; i < from + length; i++)
        {
            final double s = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double)samples[i] * samples[i];
        }
        final double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return energy == 0 ? 0 : power / (length / 2.0 * energy);
    }

    /** Where the channel is loudest: the start of the {@code length}-sample block with the most energy. */
    static int loudest(final short[] samples, final int length)
    {
        int best = 0;
        double bestEnergy = -1;
        for (int from = 0; from + length <= samples.length; from += length / 4)
        {
            double energy = 0;
            for (int i = from; i < from + length; i++)
            {
                energy += (double)samples[i] * samples[i];
            }
            if (energy > bestEnergy)
            {
                bestEnergy = energy;
                best = from;
            }
        }
        return best;
    }

    /** The best normalised correlation of the block with {@code reference} at any offset (1: found as it is). */
    static double bestCorrelation(final short[] samples, final int from, final int length, final short[] reference)
    {
        double best = 0;
        double own = 0;
        for (int i = from; i < from + length; i++)
        {
            own += (double)samples[i] * samples[i];
        }
        for (int lag = 0; lag + length <= reference.length; lag++)
        {
            double cross = 0;
            double theirs = 0;
            for (int i = 0; i < length; i++)
            {
                cross += (double)samples[from + i] * reference[lag + i];
                theirs += (double)reference[lag + i] * reference[lag + i];
            }
            if (own > 0 && theirs > 0)
            {
                best = Math.max(best, cross / Math.sqrt(own * theirs));
            }
        }
        return best;
    }

    /** The A-law payloads of a pcap's packets, decoded, one after the other. */
    static short[] decodedAlaw(final List<RtpPeer.Packet> packets)
    {
        final int total = packets.stream().mapToInt(p -> p.payload().length).sum();
        final short[] pcm = new short[total];
        int at = 0;
        for (final RtpPeer.Packet packet : packets)
        {
            for (final byte code : packet.payload())
            {
                pcm[at++] = (short)G711.alawToLinear(code);
            }
        }
        return pcm;
    }

    /** Every file named {@code <id>.wav} under the recordings folder. */
    static List<Path> wavsOf(final Path root, final long id) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root))
        {
            return walk.filter(p -> p.getFileName().toString().equals(id + ".wav")).toList();
        }
    }
}
