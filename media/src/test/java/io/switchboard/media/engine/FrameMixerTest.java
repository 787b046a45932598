package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.media.codec.G711;
import org.junit.jupiter.api.Test;

import static io.switchboard.media.engine.SuperviseMode.AGENT;
import static io.switchboard.media.engine.SuperviseMode.CUSTOMER;
import static io.switchboard.media.engine.SuperviseMode.SUPERVISOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervision mix frame by frame: who hears whom in each mode, saturation, the jitter buffers. */
class FrameMixerTest
{
    private static final short C = 1000;
    private static final short A = 200;
    private static final short S = 30;

    private final FrameMixer mixer = new FrameMixer();
    private final short[] out = new short[FrameMixer.FRAME];

    /** Each party sends a constant; enough frames to prime every buffer. */
    private void feedAll(final int frames)
    {
        for (int i = 0; i < frames; i++)
        {
            mixer.offer(CUSTOMER, constant(C), FrameMixer.FRAME);
            mixer.offer(AGENT, constant(A), FrameMixer.FRAME);
            mixer.offer(SUPERVISOR, constant(S), FrameMixer.FRAME);
        }
    }

    private static short[] constant(final short value)
    {
        final short[] frame = new short[FrameMixer.FRAME];
        java.util.Arrays.fill(frame, value);
        return frame;
    }

    private int heard(final int listener, final SuperviseMode mode)
    {
        mixer.mixFor(listener, mode, out);
        for (int i = 1; i < out.length; i++)
        {
            assertEquals(out[0], out[i], "a constant mix");
        }
        return out[0];
    }

    @Test
    void listenSupervisorHearsBothAndNobodyHearsIt()
    {
        feedAll(FrameMixer.PRIME_FRAMES);
        mixer.nextFrame();
        assertEquals(C + A, heard(SUPERVISOR, SuperviseMode.LISTEN));
        assertEquals(C, heard(AGENT, SuperviseMode.LISTEN));
        assertEquals(A, heard(CUSTOMER, SuperviseMode.LISTEN));
        assertFalse(SuperviseMode.LISTEN.mixedFor(AGENT));
        assertFalse(SuperviseMode.LISTEN.mixedFor(CUSTOMER));
        assertTrue(SuperviseMode.LISTEN.mixedFor(SUPERVISOR));
    }

    @Test
    void whisperOnlyTheAgentHearsTheSupervisor()
    {
        feedAll(FrameMixer.PRIME_FRAMES);
        mixer.nextFrame();
        assertEquals(C + A, heard(SUPERVISOR, SuperviseMode.WHISPER));
        assertEquals(C + S, heard(AGENT, SuperviseMode.WHISPER));
        assertEquals(A, heard(CUSTOMER, SuperviseMode.WHISPER));
        assertTrue(SuperviseMode.WHISPER.mixedFor(AGENT));
        assertFalse(SuperviseMode.WHISPER.mixedFor(CUSTOMER));
    }

    @Test
    void bargeEverybodyHearsBothOthers()
    {
        feedAll(FrameMixer.PRIME_FRAMES);
        mixer.nextFrame();
        assertEquals(C + A, heard(SUPERVISOR, SuperviseMode.BARGE));
        assertEquals(C + S, heard(AGENT, SuperviseMode.BARGE));
        assertEquals(A + S, heard(CUSTOMER, SuperviseMode.BARGE));
        assertTrue(SuperviseMode.BARGE.mixedFor(CUSTOMER));
    }

    @Test
    void sumsSaturateAtSixteenBits()
    {
        for (int i = 0; i < FrameMixer.PRIME_FRAMES; i++)
        {
            mixer.offer(CUSTOMER, constant((short)30000), FrameMixer.FRAME);
            mixer.offer(AGENT, constant((short)20000), FrameMixer.FRAME);
            mixer.offer(SUPERVISOR, constant((short)-30000), FrameMixer.FRAME);
        }
        mixer.nextFrame();
        assertEquals(Short.MAX_VALUE, heard(SUPERVISOR, SuperviseMode.BARGE));
        assertEquals(0, heard(AGENT, SuperviseMode.BARGE));
        assertEquals(-10000, heard(CUSTOMER, SuperviseMode.BARGE));
        mixer.nextFrame();
        mixer.offer(CUSTOMER, constant((short)-30000), FrameMixer.FRAME);
        mixer.offer(AGENT, constant((short)-20000), FrameMixer.FRAME);
        mixer.nextFrame();
        assertEquals(Short.MIN_VALUE, heard(SUPERVISOR, SuperviseMode.LISTEN));
    }

    @Test
    void aPartyIsSilentUntilPrimedAndAfterRunningDry()
    {
        mixer.offer(CUSTOMER, constant(C), FrameMixer.FRAME);
        mixer.nextFrame();
        assertEquals(0, heard(SUPERVISOR, SuperviseMode.LISTEN), "one frame is not enough to start");
        mixer.offer(CUSTOMER, constant(C), FrameMixer.FRAME);
        mixer.nextFrame();
        assertEquals(C, heard(SUPERVISOR, SuperviseMode.LISTEN));
        mixer.nextFrame();
        assertEquals(C, heard(SUPERVISOR, SuperviseMode.LISTEN));
        mixer.nextFrame();
        assertEquals(0, heard(SUPERVISOR, SuperviseMode.LISTEN), "run dry: silence");
        assertEquals(1, mixer.underruns());
    }

    @Test
    void aFastPhoneLosesItsOldestSamplesNotTheDelayBound()
    {
        for (int i = 0; i < 20; i++)
        {
            final short[] frame = constant((short)i);
            mixer.offer(AGENT, frame, FrameMixer.FRAME);
        }
        final ByteBuf one = Unpooled.buffer(FrameMixer.FRAME);
        for (int i = 0; i < FrameMixer.FRAME; i++)
        {
            one.writeByte(G711.linearToAlaw(1000));
        }
        mixer.offer(AGENT, one, 0, FrameMixer.FRAME, true);
        assertTrue(mixer.buffered(AGENT) <= FrameMixer.MAX_FRAMES * FrameMixer.FRAME);
        assertTrue(mixer.dropped() > 0);
        mixer.nextFrame();
        assertEquals(21 - FrameMixer.MAX_FRAMES, heard(CUSTOMER, SuperviseMode.LISTEN), "the newest frames kept");
    }

    @Test
    void decodesEitherLaw()
    {
        final ByteBuf alaw = Unpooled.buffer(2 * FrameMixer.FRAME);
        final ByteBuf ulaw = Unpooled.buffer(2 * FrameMixer.FRAME);
        for (int i = 0; i < 2 * FrameMixer.FRAME; i++)
        {
            alaw.writeByte(G711.linearToAlaw(4000));
            ulaw.writeByte(G711.linearToUlaw(-4000));
        }
        mixer.offer(CUSTOMER, alaw, 0, alaw.readableBytes(), true);
        mixer.offer(AGENT, ulaw, 0, ulaw.readableBytes(), false);
        mixer.nextFrame();
        final int sum = heard(SUPERVISOR, SuperviseMode.LISTEN);
        assertTrue(Math.abs(sum) < 200, "4000 - 4000 within the codecs' quantisation: " + sum);
        final ByteBuf encoded = Unpooled.buffer(FrameMixer.FRAME);
        FrameMixer.encode(constant((short)4000), encoded, true);
        assertEquals(FrameMixer.FRAME, encoded.readableBytes());
        assertEquals(G711.linearToAlaw(4000), encoded.getByte(0));
    }

    @Test
    void modesByName()
    {
        assertEquals(SuperviseMode.WHISPER, SuperviseMode.named("Whisper"));
        assertEquals("barge", SuperviseMode.BARGE.label());
        assertNull(SuperviseMode.named("spy"));
        assertFalse(SuperviseMode.BARGE.hears(AGENT, AGENT));
    }
}
