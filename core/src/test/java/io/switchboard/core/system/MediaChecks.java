package io.switchboard.core.system;

import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.codec.G711;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the media system tests expect to hear, and how they recognise it: each test phone's own audio frames (and what
 * they become after the server's transcoding), the hold music's frames, silence, RFC 4733 key presses.
 */
final class MediaChecks
{
    static final int FRAME = 160;
    /** Frames of a test phone's audio that can be recognised: far more than any test sends (40 s). */
    private static final int RECOGNISED_FRAMES = 2000;

    private MediaChecks()
    {
    }

    /** Frame {@code n} of test phone {@code phone}'s audio: 160 pseudo-random bytes, never silence or music. */
    static byte[] frame(final int phone, final int n)
    {
        final byte[] payload = new byte[FRAME];
        new Random(phone * 1_000_003L + n).nextBytes(payload);
        return payload;
    }

    /** Recognises phone {@code phone}'s frames as the other phone gets them (after {@code transform}): frame → n. */
    static Map<String, Integer> framesOf(final int phone, final UnaryOperator<byte[]> transform)
    {
        final Map<String, Integer> frames = new HashMap<>();
        for (int n = 0; n < RECOGNISED_FRAMES; n++)
        {
            if (frames.put(key(transform.apply(frame(phone, n))), n) != null)
            {
                throw new IllegalStateException("two frames of phone " + phone + " look alike");
            }
        }
        return frames;
    }

    /** The 160-sample windows of the hold music at multiples of 160, in µ-law (what the server plays): key → k. */
    static Map<String, Integer> musicFrames()
    {
        final AudioClip music = Tones.holdMusic();
        final Map<String, Integer> frames = new HashMap<>();
        for (int k = 0; (k + 1) * FRAME <= music.samples(); k++)
        {
            final byte[] window = new byte[FRAME];
            for (int i = 0; i < FRAME; i++)
            {
                window[i] = music.ulawAt(k * FRAME + i);
            }
            frames.putIfAbsent(key(window), k);
        }
        return frames;
    }

    static int musicFrameCount()
    {
        return Tones.holdMusic().samples() / FRAME;
    }

    static String key(final byte[] payload)
    {
        return new String(payload, StandardCharsets.ISO_8859_1);
    }

    static byte[] alawToUlaw(final byte[] alaw)
    {
        final byte[] out = new byte[alaw.length];
        for (int i = 0; i < alaw.length; i++)
        {
            out[i] = G711.alawToUlaw(alaw[i]);
        }
        return out;
    }

    static byte[] ulawToAlaw(final byte[] ulaw)
    {
        final byte[] out = new byte[ulaw.length];
        for (int i = 0; i < ulaw.length; i++)
        {
            out[i] = G711.ulawToAlaw(ulaw[i]);
        }
        return out;
    }

    /** A frame of µ-law silence (what a muted party sounds like to a PCMU phone). */
    static boolean ulawSilence(final RtpPeer.Packet packet)
    {
        if (packet.payload().length != FRAME)
        {
            return false;
        }
        for (final byte b : packet.payload())
        {
            if (b != G711.ULAW_SILENCE)
            {
                return false;
            }
        }
        return true;
    }

    static Predicate<RtpPeer.Packet> in(final Map<String, Integer> frames)
    {
        return p -> frames.containsKey(key(p.payload()));
    }

    /** The frame numbers of the packets that are among {@code frames}, in order of arrival. */
    static List<Integer> numbers(final List<RtpPeer.Packet> packets, final Map<String, Integer> frames)
    {
        final List<Integer> numbers = new ArrayList<>();
        for (final RtpPeer.Packet packet : packets)
        {
            final Integer n = frames.get(key(packet.payload()));
            if (n != null)
            {
                numbers.add(n);
            }
        }
        return numbers;
    }

    static int firstIndex(final List<RtpPeer.Packet> packets, final Predicate<RtpPeer.Packet> kind)
    {
        for (int i = 0; i < packets.size(); i++)
        {
            if (kind.test(packets.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    /** At least {@code n} packets of this kind from the first one on, and nothing else in between. */
    static Predicate<List<RtpPeer.Packet>> atLeastAfterFirst(final Predicate<RtpPeer.Packet> kind, final int n)
    {
        return packets ->
        {
            final int first = firstIndex(packets, kind);
            return first >= 0 && packets.size() - first >= n;
        };
    }

    /** Once the first packet of this kind has come, every packet is of this kind: the switch is clean. */
    static List<RtpPeer.Packet> assertOnlyFromFirst(final List<RtpPeer.Packet> packets,
        final Predicate<RtpPeer.Packet> kind, final String what)
    {
        final int first = firstIndex(packets, kind);
        assertTrue(first >= 0, "no " + what + " at all");
        for (int i = first; i < packets.size(); i++)
        {
            if (!kind.test(packets.get(i)))
            {
                fail("after the first " + what + " (packet " + first + "), packet " + i + " is something else: "
                    + packets.get(i));
            }
        }
        return packets.subList(first, packets.size());
    }

    /** Hold music played in whole frames, each the clip window after the previous one (looping). */
    static void assertMusicInOrder(final List<RtpPeer.Packet> music, final Map<String, Integer> windows)
    {
        final List<Integer> k = numbers(music, windows);
        assertEquals(music.size(), k.size(), "packets that are not frames of the hold music");
        for (int i = 1; i < k.size(); i++)
        {
            assertEquals((k.get(i - 1) + 1) % musicFrameCount(), k.get(i), "music frame " + i + " out of order: " + k);
        }
    }

    /**
     * One outgoing stream: one SSRC and consecutive sequence numbers, whatever the server switched between; a
     * retransmitted packet (same sequence number, timestamp and payload as the one before) is allowed.
     */
    static void assertOneStream(final List<RtpPeer.Packet> packets, final String who)
    {
        for (int i = 1; i < packets.size(); i++)
        {
            final RtpPeer.Packet previous = packets.get(i - 1);
            final RtpPeer.Packet packet = packets.get(i);
            assertEquals(previous.ssrc(), packet.ssrc(), who + ": SSRC changed at packet " + i);
            if (packet.seq() == previous.seq() && packet.timestamp() == previous.timestamp()
                && Arrays.equals(packet.payload(), previous.payload()))
            {
                // A retransmission kept as such (RFC 4733 end packets sent three times with one sequence number).
                continue;
            }
            assertEquals((previous.seq() + 1) & 0xffff, packet.seq(), who + ": sequence gap at packet " + i + ": "
                + previous + " then " + packet);
        }
    }

    /**
     * The relay's rewriting of a sequence of sources into one stream: one SSRC; within one source the sequence
     * numbers and timestamps move as the source's did (a gap or a retransmission stays one), and where the source
     * changes the sequence goes on by one.
     */
    static void assertRewritten(final List<RtpPeer.Packet> sent, final List<RtpPeer.Packet> got, final String who)
    {
        for (int i = 1; i < got.size(); i++)
        {
            final RtpPeer.Packet before = got.get(i - 1);
            final RtpPeer.Packet packet = got.get(i);
            assertEquals(before.ssrc(), packet.ssrc(), who + ": SSRC changed at packet " + i);
            final boolean sameSource = sent.get(i).ssrc() == sent.get(i - 1).ssrc();
            final int seqStep = sameSource ? sent.get(i).seq() - sent.get(i - 1).seq() : 1;
            assertEquals((before.seq() + seqStep) & 0xffff, packet.seq(), who + ": sequence at packet " + i + ": "
                + before + " then " + packet + (sameSource ? ", one source" : ", a new source"));
            if (sameSource)
            {
                assertEquals((before.timestamp() + sent.get(i).timestamp() - sent.get(i - 1).timestamp())
                    & 0xffffffffL, packet.timestamp(), who + ": timestamp at packet " + i);
            }
        }
    }

    /** One key press: the RFC 4733 packets sharing one timestamp. */
    record Press(long timestamp, List<RtpPeer.Packet> packets)
    {
        int event()
        {
            return packets.get(0).event();
        }

        long ends()
        {
            return packets.stream().filter(RtpPeer.Packet::end).count();
        }
    }

    /** The key presses (RFC 4733 events with payload type {@code pt}), each counted once, by its timestamp. */
    static List<Press> presses(final List<RtpPeer.Packet> packets, final int pt)
    {
        final Map<Long, List<RtpPeer.Packet>> byTimestamp = new LinkedHashMap<>();
        for (final RtpPeer.Packet packet : packets)
        {
            if (packet.pt() == pt && packet.payload().length >= 4)
            {
                byTimestamp.computeIfAbsent(packet.timestamp(), t -> new ArrayList<>()).add(packet);
            }
        }
        final List<Press> presses = new ArrayList<>();
        byTimestamp.forEach((timestamp, events) -> presses.add(new Press(timestamp, events)));
        return presses;
    }

    /** Presses that are over (an end packet came). */
    static List<Integer> endedEvents(final List<RtpPeer.Packet> packets, final int pt)
    {
        final List<Integer> events = new ArrayList<>();
        for (final Press press : presses(packets, pt))
        {
            if (press.ends() > 0)
            {
                events.add(press.event());
            }
        }
        return events;
    }
}
