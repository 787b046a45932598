package io.switchboard.media.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.Tones;
import io.switchboard.media.codec.G711;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.Direction;
import io.switchboard.media.sdp.Negotiated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine over real loopback sockets: two test phones, one session between them. */
class MediaEngineTest
{
    /** How long a phone waits for what the engine relays: milliseconds here, seconds on a loaded CI machine. */
    private static final long WAIT_MILLIS = 10_000;
    private static final int ALAW_PHONE_TE = 101;
    private static final int ULAW_PHONE_TE = 96;

    private final List<Character> digits = Collections.synchronizedList(new ArrayList<>());
    private final AudioClip music = Tones.holdMusic();
    private EventLoopGroup group;
    private EventLoop loop;
    private MediaEngine engine;
    private MediaSession session;
    private TestPhone alaw;
    private TestPhone ulaw;

    @BeforeEach
    void setUp() throws Exception
    {
        group = Epoll.isAvailable() ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        loop = group.next();
        engine = new MediaEngine(new MediaOptions("127.0.0.1", "127.0.0.1", 41000, 41099, music));
        session = onLoop(() -> engine.open(loop, (endpoint, digit) -> digits.add(digit)));
        alaw = new TestPhone();
        ulaw = new TestPhone();
        alaw.target(session.first().port());
        ulaw.target(session.second().port());
        onLoop(() ->
        {
            session.first().apply(negotiated(alaw.address(), Codec.PCMA, ALAW_PHONE_TE, Direction.SENDRECV));
            session.second().apply(negotiated(ulaw.address(), Codec.PCMU, ULAW_PHONE_TE, Direction.SENDRECV));
            session.bridge();
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception
    {
        onLoop(() ->
        {
            session.close();
            return null;
        });
        alaw.close();
        ulaw.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void relaysWithOurOwnStreamAndTranscodesAlawToUlaw() throws Exception
    {
        final byte[] payload = new byte[160];
        for (int i = 0; i < payload.length; i++)
        {
            payload[i] = G711.linearToAlaw((int)(8000 * Math.sin(i / 5.0)));
        }
        for (int i = 0; i < 5; i++)
        {
            alaw.send(8, i == 0, 1000 + i, 5000 + 160L * i, 0x1234, payload);
        }
        final List<TestPhone.Rtp> got = ulaw.receiveUntil(5, rtp -> rtp.payloadType() == 0, WAIT_MILLIS);
        final byte[] expected = payload.clone();
        for (int i = 0; i < expected.length; i++)
        {
            expected[i] = G711.alawToUlaw(expected[i]);
        }
        for (int i = 0; i < 5; i++)
        {
            final TestPhone.Rtp rtp = got.get(i);
            assertArrayEquals(expected, rtp.payload());
            assertNotEquals(0x1234, rtp.ssrc(), "the phone sees our SSRC, not the other phone's");
            assertEquals(got.get(0).ssrc(), rtp.ssrc());
            assertEquals((got.get(0).sequence() + i) & 0xffff, rtp.sequence());
            assertEquals(got.get(0).timestamp() + 160L * i, rtp.timestamp());
        }
        // the engine's totals (for /metrics) take the session's counts when it closes, and only once
        final long[] counts = onLoop(() ->
        {
            final long[] before = {session.first().packetsIn() + session.second().packetsIn(),
                session.first().packetsOut() + session.second().packetsOut(),
                session.first().dropped() + session.second().dropped()};
            session.close();
            session.close();
            return before;
        });
        assertTrue(counts[0] >= 5 && counts[1] >= 5, () -> java.util.Arrays.toString(counts));
        assertEquals(counts[0], engine.packetsIn());
        assertEquals(counts[1], engine.packetsOut());
        assertEquals(counts[2], engine.packetsDropped());
    }

    @Test
    void aTapHearsEachPhonesAudioAsSentBeforeTheRelayConvertsItAndNothingOfAMutedPhone() throws Exception
    {
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());
        final AudioTap tap = (from, packet, index, length, isAlaw, now) ->
            heard.add((from == session.first() ? "first" : "second") + ":" + isAlaw + ":" + length + ":"
                + packet.getByte(index));
        onLoop(() ->
        {
            session.addTap(tap);
            session.second().mute(true);
            return null;
        });
        final byte[] payload = new byte[160];
        java.util.Arrays.fill(payload, G711.linearToAlaw(4000));
        alaw.send(8, true, 1, 160, 0x99, payload);
        ulaw.send(0, true, 1, 160, 0x98, new byte[160]);
        ulaw.receiveUntil(1, rtp -> rtp.payloadType() == 0, WAIT_MILLIS);
        alaw.send(8, false, 2, 320, 0x99, payload);
        waitFor(() -> heard.size() >= 2);
        assertEquals("first:true:160:" + payload[0], heard.get(0), "the A-law bytes as the phone sent them");
        assertTrue(heard.stream().allMatch(entry -> entry.startsWith("first:")), heard::toString);
        onLoop(() ->
        {
            session.removeTap(tap);
            return null;
        });
        final int before = heard.size();
        alaw.send(8, false, 3, 480, 0x99, payload);
        ulaw.receiveUntil(2, rtp -> rtp.payloadType() == 0, WAIT_MILLIS);
        assertEquals(before, heard.size(), "a removed tap hears nothing more");
    }

    @Test
    void symmetricRtpAnswersWhereThePacketsComeFrom() throws Exception
    {
        try (TestPhone behindNat = new TestPhone())
        {
            behindNat.target(session.second().port());
            behindNat.send(0, false, 1, 160, 77, new byte[160]);
            // The first packet latches; the SDP's address (the ulaw phone) gets nothing from now on.
            final int expected = 3;
            for (int i = 0; i < expected; i++)
            {
                alaw.send(8, false, 10 + i, 1600 + 160L * i, 5, new byte[160]);
            }
            behindNat.receiveUntil(expected, rtp -> true, WAIT_MILLIS);
            assertEquals(null, ulaw.receive(100));
        }
    }

    @Test
    void telephoneEventsAreReadOnceAndRelayedWithThePeersPayloadType() throws Exception
    {
        sendDigit(alaw, 5, 8000, 11);
        sendDigit(alaw, 11, 9600, 12);
        waitFor(() -> digits.size() == 2);
        assertEquals(List.of('5', '#'), digits);
        final List<TestPhone.Rtp> events = ulaw.receiveUntil(2, rtp -> rtp.payloadType() == ULAW_PHONE_TE
            && (rtp.payload()[1] & 0x80) != 0 && rtp.payload()[0] == 11, WAIT_MILLIS);
        assertTrue(events.stream().allMatch(rtp -> rtp.payloadType() == ULAW_PHONE_TE));
    }

    @Test
    void aHeldPartyHearsHoldMusicWhileTheOtherStillHearsIt() throws Exception
    {
        onLoop(() ->
        {
            session.second().hold(Endpoint.HOLD_BY_API, true);
            return null;
        });
        final List<TestPhone.Rtp> frames = ulaw.receiveUntil(10, rtp -> rtp.payloadType() == 0, WAIT_MILLIS);
        for (final TestPhone.Rtp frame : frames)
        {
            assertTrue(isMusic(frame.payload()), "a frame of the hold music");
        }
        ulaw.send(0, false, 1, 160, 99, new byte[160]);
        alaw.receiveUntil(1, rtp -> rtp.payloadType() == 8, WAIT_MILLIS);
        onLoop(() ->
        {
            session.second().hold(Endpoint.HOLD_BY_API, false);
            return null;
        });
        ulaw.drain();
        alaw.send(8, false, 1, 160, 5, new byte[160]);
        final TestPhone.Rtp relayed = ulaw.receive(WAIT_MILLIS);
        assertTrue(relayed != null && !isMusic(relayed.payload()), "after unhold the other party again");
    }

    @Test
    void aPromptPlaysOnceInWholeFramesThenTheOtherPartyIsHeardAgain() throws Exception
    {
        final AudioClip prompt = Tones.tone("beep", new int[] {1000}, 100, 0, 4000);
        final List<Endpoint> played = Collections.synchronizedList(new ArrayList<>());
        final MediaSession other = onLoop(() -> engine.open(loop, new MediaListener()
        {
            @Override
            public void onDtmf(final Endpoint endpoint, final char digit)
            {
            }

            @Override
            public void onPlayed(final Endpoint endpoint)
            {
                played.add(endpoint);
            }
        }));
        try (TestPhone caller = new TestPhone(); TestPhone agent = new TestPhone())
        {
            agent.target(other.second().port());
            onLoop(() ->
            {
                other.first().apply(negotiated(caller.address(), Codec.PCMA, 101, Direction.SENDRECV));
                other.second().apply(negotiated(agent.address(), Codec.PCMU, 101, Direction.SENDRECV));
                other.bridge();
                other.first().play(prompt, false);
                return null;
            });
            // 100 ms of prompt is five 20 ms frames, A-law for this phone, then nothing more from the prompt.
            final List<TestPhone.Rtp> frames = caller.receiveUntil(5, rtp -> rtp.payloadType() == 8, WAIT_MILLIS);
            for (int i = 0; i < 5; i++)
            {
                final byte[] payload = frames.get(i).payload();
                for (int j = 0; j < payload.length; j++)
                {
                    assertEquals(prompt.alawAt(160 * i + j), payload[j], "frame " + i + " sample " + j);
                }
                assertEquals(frames.get(0).timestamp() + 160L * i, frames.get(i).timestamp());
            }
            waitFor(() -> played.size() == 1);
            assertEquals(other.first(), played.get(0));
            agent.send(0, false, 1, 160, 9, filled((byte)0x7f));
            final TestPhone.Rtp relayed = caller.receive(WAIT_MILLIS);
            assertArrayEquals(filled(G711.ulawToAlaw((byte)0x7f)), relayed.payload(), "the agent again");
            assertEquals(frames.get(4).sequence() + 1 & 0xffff, relayed.sequence(), "one stream throughout");
        }
        finally
        {
            onLoop(() ->
            {
                other.close();
                return null;
            });
        }
    }

    @Test
    void aMutedPartyIsReplacedBySilence() throws Exception
    {
        onLoop(() ->
        {
            session.first().mute(true);
            return null;
        });
        alaw.send(8, false, 1, 160, 5, filled((byte)0x55));
        final List<TestPhone.Rtp> frames = ulaw.receiveUntil(5, rtp -> rtp.payloadType() == 0, WAIT_MILLIS);
        frames.forEach(frame -> assertArrayEquals(filled(G711.ULAW_SILENCE), frame.payload()));
        ulaw.send(0, false, 1, 160, 99, new byte[160]);
        alaw.receiveUntil(1, rtp -> rtp.payloadType() == 8, WAIT_MILLIS);
    }

    @Test
    void digitsSentIntoALegAreRfc4733EventsInOrder() throws Exception
    {
        assertTrue(onLoop(() -> session.second().sendDtmf("1#9")));
        final List<TestPhone.Rtp> all = ulaw.receiveUntil(3, rtp -> rtp.payloadType() == ULAW_PHONE_TE
            && rtp.marker(), 3000);
        final List<Integer> events = new ArrayList<>();
        long timestamp = -1;
        for (final TestPhone.Rtp rtp : all)
        {
            if (rtp.payloadType() != ULAW_PHONE_TE)
            {
                continue;
            }
            if (rtp.marker())
            {
                events.add((int)rtp.payload()[0]);
                timestamp = rtp.timestamp();
            }
            assertEquals(timestamp, rtp.timestamp(), "every packet of an event carries its start timestamp");
        }
        assertEquals(List.of(1, 11, 9), events);
        assertThrows(IllegalArgumentException.class, () -> session.second().sendDtmf("1x"));
    }

    @Test
    void rtcpFromAPhoneIsCountedAndTheEndOfTheCallSaysByeToIt() throws Exception
    {
        try (TestPhone rtcp = new TestPhone())
        {
            rtcp.target(session.second().port() + 1);
            alaw.send(8, false, 1, 160, 5, new byte[160]);
            final long ours = ulaw.receiveUntil(1, rtp -> rtp.payloadType() == 0, WAIT_MILLIS).get(0).ssrc();
            // A receiver report (RFC 3550 §6.4.2): V=2, RC=1, PT=201, length 7, SSRC; one block about our stream:
            // SSRC, fraction lost, cumulative lost 3 (24 bits), highest sequence, jitter, LSR, DLSR.
            final java.nio.ByteBuffer report = java.nio.ByteBuffer.allocate(32).put((byte)0x81).put((byte)201)
                .putShort((short)7).putInt(42).putInt((int)ours).putInt(3);
            rtcp.sendRaw(report.array());
            waitFor(() -> session.second().rtcpReceived() == 1);
            final long lostBefore = engine.packetsReportedLost();
            assertEquals(3, (long)onLoop(() -> session.second().reportedLost()));
            onLoop(() ->
            {
                session.close();
                return null;
            });
            assertEquals(lostBefore + 3, engine.packetsReportedLost(), "counted into the engine's at the end");
            // The goodbye is a compound packet: a sender report (PT 200) first, then BYE (PT 203).
            final byte[] bye = rtcp.receiveRaw(WAIT_MILLIS);
            assertEquals(200, bye[1] & 0xff);
            final int second = 4 * ((bye[2] & 0xff) << 8 | bye[3] & 0xff) + 4;
            assertEquals(203, bye[second + 1] & 0xff);
        }
    }

    @Test
    void closingGivesEveryPortBack() throws Exception
    {
        assertEquals(2, engine.ports().inUse());
        final MediaSession other = onLoop(() -> engine.open(loop, (endpoint, digit) -> { }));
        assertEquals(4, engine.ports().inUse());
        onLoop(() ->
        {
            other.close();
            other.close();
            return null;
        });
        assertEquals(2, engine.ports().inUse());
        assertTrue(other.closed());
        assertFalse(session.closed());
    }

    @Test
    void anExhaustedRangeRefusesWithoutLeaking() throws Exception
    {
        final MediaEngine small = new MediaEngine(new MediaOptions("127.0.0.1", "127.0.0.1", 41200, 41203, music));
        final MediaSession only = onLoop(() -> small.open(loop, (endpoint, digit) -> { }));
        assertThrows(Exception.class, () -> onLoop(() -> small.open(loop, (endpoint, digit) -> { })));
        assertEquals(2, small.ports().inUse());
        assertEquals(1, small.sessionsRefused());
        onLoop(() ->
        {
            only.close();
            return null;
        });
        assertEquals(0, small.ports().inUse());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private boolean isMusic(final byte[] payload)
    {
        // The clip is played from its start in whole frames: a frame of music is one of the clip's frames.
        for (int start = 0; start + payload.length <= music.samples(); start += payload.length)
        {
            boolean same = true;
            for (int i = 0; i < payload.length && same; i++)
            {
                same = payload[i] == music.ulawAt(start + i);
            }
            if (same)
            {
                return true;
            }
        }
        return false;
    }

    private static void sendDigit(final TestPhone phone, final int event, final long ts, final int seq)
        throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            final byte[] update = {(byte)event, 10, 0, (byte)(160 * (i + 1))};
            phone.send(ALAW_PHONE_TE, i == 0, seq * 10 + i, ts, 5, update);
        }
        for (int i = 0; i < 3; i++)
        {
            final byte[] end = {(byte)event, (byte)0x8a, 2, (byte)128};
            phone.send(ALAW_PHONE_TE, false, seq * 10 + 3 + i, ts, 5, end);
        }
    }

    private static byte[] filled(final byte value)
    {
        final byte[] bytes = new byte[160];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }

    private static Negotiated negotiated(final InetSocketAddress remote, final Codec codec, final int te,
        final Direction direction)
    {
        return new Negotiated(remote, codec, te, direction, direction.answerTo(), 20, 0);
    }

    private <T> T onLoop(final Callable<T> action) throws Exception
    {
        return loop.submit(action).get(5, TimeUnit.SECONDS);
    }

    private static void waitFor(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), "condition not met in 20 s");
    }
}
