package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.switchboard.media.dtls.DtlsHandshakes;
import io.switchboard.media.dtls.HandshakeDatagrams;
import io.switchboard.media.dtls.SrtpKeys;
import io.switchboard.media.ice.IceLiteAgent;
import io.switchboard.media.ice.StunMessage;
import io.switchboard.media.srtp.SrtpContext;
import io.switchboard.media.srtp.SrtpPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The WebRTC side of an endpoint: everything on its one port is demultiplexed by its first byte (RFC 7983): STUN
 * checks go to the {@link IceLiteAgent} and are answered at once; DTLS from the address ICE verified goes to a
 * handshake on the engine's pool (started by the browser's first record, kept even if it comes before we consider
 * ICE done); SRTP and SRTCP (RTCP muxed on the port, RFC 5761) are opened with the keys the handshake exported and
 * handed back as plain packets. What the endpoint sends is protected and goes only to the verified address while
 * consent lasts (RFC 7675); before keys and consent nothing is sent. Owned by the endpoint's loop.
 */
final class SecureLeg
{
    private static final Logger LOG = LoggerFactory.getLogger(SecureLeg.class);
    private static final int MAX_PACKET = 1500;

    private final IceLiteAgent ice;
    private final DtlsHandshakes handshakes;
    private final String remoteFingerprint;
    private final Channel channel;
    /** The engine's count of what every WebRTC leg refused, for the API's counters. */
    private final java.util.concurrent.atomic.LongAdder engineRefused;
    private final byte[] buffer = new byte[MAX_PACKET + SrtpPolicy.RTCP_OVERHEAD];
    private HandshakeDatagrams handshake;
    private SrtpContext receiving;
    private SrtpContext sending;
    private boolean failed;
    private long refused;

    SecureLeg(final IceLiteAgent ice, final DtlsHandshakes handshakes, final String remoteFingerprint,
        final Channel channel, final java.util.concurrent.atomic.LongAdder engineRefused)
    {
        this.engineRefused = engineRefused;
        this.ice = ice;
        this.handshakes = handshakes;
        this.remoteFingerprint = remoteFingerprint;
        this.channel = channel;
    }

    IceLiteAgent ice()
    {
        return ice;
    }

    /** Keys exported and installed: media flows. */
    boolean established()
    {
        return receiving != null;
    }

    /** The handshake failed (a wrong certificate, a timeout): the leg has no media. */
    boolean failed()
    {
        return failed;
    }

    private void refuse()
    {
        refused++;
        engineRefused.increment();
    }

    /** Datagrams refused: unverified DTLS, bad SRTP tags, replays. */
    long refused()
    {
        return refused + ice.refused();
    }

    /**
     * One datagram on the port. Returns the plain RTP or RTCP packet it carried (a new heap buffer, the caller's to
     * release), or null when it was STUN, DTLS or refused.
     */
    ByteBuf onDatagram(final ByteBuf content, final InetSocketAddress sender, final long now)
    {
        final int length = content.readableBytes();
        if (length == 0 || length > MAX_PACKET)
        {
            refuse();
            return null;
        }
        final int first = content.getUnsignedByte(content.readerIndex());
        content.getBytes(content.readerIndex(), buffer, 0, length);
        if (StunMessage.isStun(first))
        {
            stun(length, sender, now);
            return null;
        }
        if (first >= 20 && first <= 63)
        {
            dtls(length, sender);
            return null;
        }
        if (first >= 128 && first <= 191 && receiving != null && sender.equals(ice.peer()))
        {
            return unprotect(length);
        }
        refuse();
        return null;
    }

    private void stun(final int length, final InetSocketAddress sender, final long now)
    {
        if (ice.onStun(buffer, 0, length, sender, now) != IceLiteAgent.Outcome.IGNORED)
        {
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(ice.response()), sender),
                channel.voidPromise());
        }
    }

    /** DTLS only from the address whose check we verified (RFC 8842 §4: never from an unverified one). */
    private void dtls(final int length, final InetSocketAddress sender)
    {
        if (!sender.equals(ice.peer()) || failed)
        {
            refuse();
            return;
        }
        if (handshake == null)
        {
            start();
        }
        final byte[] record = new byte[length];
        System.arraycopy(buffer, 0, record, 0, length);
        if (!handshake.offer(record))
        {
            refuse();
        }
    }

    private void start()
    {
        handshake = new HandshakeDatagrams(datagram -> channel.eventLoop().execute(() -> sendRaw(datagram)));
        handshakes.accept(remoteFingerprint, handshake).whenCompleteAsync(this::keys, channel.eventLoop());
    }

    private void keys(final SrtpKeys keys, final Throwable failure)
    {
        if (failure != null)
        {
            failed = true;
            LOG.debug("{}: DTLS handshake failed: {}", channel.localAddress(), failure.toString());
            return;
        }
        receiving = SrtpContext.of(keys.remoteKey(), keys.remoteSalt());
        sending = SrtpContext.of(keys.localKey(), keys.localSalt());
    }

    private void sendRaw(final byte[] datagram)
    {
        final InetSocketAddress peer = ice.peer();
        if (peer != null && channel.isActive())
        {
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), peer), channel.voidPromise());
        }
    }

    private ByteBuf unprotect(final int length)
    {
        final int type = buffer[1] & 0xFF;
        final boolean rtcp = type >= 192 && type <= 223;
        final int plain = rtcp ? receiving.unprotectRtcp(buffer, 0, length) : receiving.unprotectRtp(buffer, 0,
            length);
        if (plain < 0)
        {
            refuse();
            return null;
        }
        return Unpooled.copiedBuffer(buffer, 0, plain);
    }

    /** Whether the packet just returned by {@link #onDatagram} is RTCP (RFC 5761 §4: payload type 64-95 masked). */
    static boolean isRtcp(final ByteBuf plain)
    {
        final int type = plain.getUnsignedByte(plain.readerIndex() + 1);
        return type >= 192 && type <= 223;
    }

    /**
     * Protects a plain RTP packet for the browser and sends it to the verified address; releases {@code packet}.
     * False (nothing sent) before keys, without consent, or for a packet too large.
     */
    boolean send(final ByteBuf packet, final long now)
    {
        try
        {
            final int length = packet.readableBytes();
            if (sending == null || !ice.hasConsent(now) || length > MAX_PACKET)
            {
                return false;
            }
            packet.getBytes(packet.readerIndex(), buffer, 0, length);
            final int protectedLength = sending.protectRtp(buffer, 0, length);
            if (protectedLength < 0)
            {
                return false;
            }
            channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(buffer, 0, protectedLength), ice.peer()),
                channel.voidPromise());
            return true;
        }
        finally
        {
            packet.release();
        }
    }

    void close()
    {
        if (handshake != null)
        {
            handshake.close();
        }
    }
}
