package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;

/**
 * Hears the audio a session's phones send, as it arrives (a recorder, a supervisor's mix): called on the session's
 * owner loop for every accepted audio packet of an endpoint that is not muted, before the packet is relayed (the
 * relay converts the payload in place, so it must be read now). The packet is lent, not given: copy what is needed,
 * never keep or release it, and never block or allocate per packet here. Taps are features of a call added to its
 * session ({@link MediaSession#addTap}); the session does not know what they do.
 */
public interface AudioTap
{
    /**
     * An audio packet from {@code from}'s phone.
     *
     * @param from         the endpoint whose phone sent it
     * @param packet       the RTP packet, its reader index at the RTP header
     * @param payloadIndex the absolute index of the payload in {@code packet}
     * @param length       the payload's length in bytes: G.711, one byte per sample at 8 kHz
     * @param alaw         whether the payload is PCMA (else PCMU)
     * @param now          the engine's clock, nanoseconds
     */
    void onAudio(Endpoint from, ByteBuf packet, int payloadIndex, int length, boolean alaw, long now);
}
