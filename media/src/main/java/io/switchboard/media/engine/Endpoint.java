package io.switchboard.media.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.switchboard.media.audio.AudioClip;
import io.switchboard.media.audio.ClipCursor;
import io.switchboard.media.codec.G711;
import io.switchboard.media.dtmf.DtmfReceiver;
import io.switchboard.media.ice.IceLiteAgent;
import io.switchboard.media.dtmf.DtmfSender;
import io.switchboard.media.dtmf.TelephoneEvent;
import io.switchboard.media.rtp.RtcpPacket;
import io.switchboard.media.rtp.RtpPacket;
import io.switchboard.media.rtp.StreamRewriter;
import io.switchboard.media.sdp.Negotiated;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Our end of one leg's media: the RTP and RTCP sockets the phone sends to, what was negotiated with it, and the one
 * continuous stream we send it, fed either by relaying the other endpoint's packets or by the pacer (music on hold,
 * prompts, the silence of a muted peer, DTMF events). Owned by its session's event loop.
 */
public final class Endpoint extends Pacer.Stream
{
    /** Held from the API (an agent holds the caller). */
    public static final int HOLD_BY_API = 1;
    /** Held because the peer's phone put the call on hold (re-INVITE with sendonly, inactive or 0.0.0.0). */
    public static final int HOLD_BY_PEER = 2;
    private static final int FRAME_SAMPLES = 160;

    private final MediaSession session;
    private final int port;
    final Channel rtp;
    final Channel rtcp;
    private Endpoint peer;
    private Object attachment;
    /** A WebRTC leg's ICE, DTLS and SRTP; null for plain RTP. */
    private SecureLeg secure;

    private final SymmetricRtpLatch latch = new SymmetricRtpLatch();
    private long sourceSsrc = -1;
    private boolean negotiated;
    private int audioPt = -1;
    private boolean alaw;
    private int telephoneEventPt = -1;
    private boolean sends;

    private final StreamRewriter out;
    private final RtcpReporter reporter;
    private final DtmfReceiver dtmfIn = new DtmfReceiver();
    private final DtmfSender dtmfOut = new DtmfSender();
    private final ClipCursor cursor = new ClipCursor();
    private final ByteBuf eventPayload = Unpooled.buffer(TelephoneEvent.PAYLOAD_LENGTH);
    private AudioClip playing;
    private AudioClip prompt;
    private boolean promptLoops;
    private int holdReasons;
    private boolean muted;
    private boolean talkspurt;
    private boolean afterEvent;
    private boolean inFrame;
    /** A supervisor's mix feeds this party ({@link SupervisorMix}): the other party's packets are not relayed. */
    private boolean mixed;

    private long packetsIn;
    private long packetsOut;
    private long dropped;

    Endpoint(final MediaSession session, final int port, final Channel rtp, final Channel rtcp)
    {
        this.session = session;
        this.port = port;
        this.rtp = rtp;
        this.rtcp = rtcp;
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        out = new StreamRewriter(random.nextLong(1L << 32), random.nextInt(1 << 15), random.nextLong(1L << 31));
        reporter = new RtcpReporter(rtcp, out, "switchboard-" + port + "@" + session.engine().advertisedAddress());
    }

    void peer(final Endpoint other)
    {
        peer = other;
    }

    public MediaSession session()
    {
        return session;
    }

    /** Our RTP port, to write in this leg's SDP. */
    public int port()
    {
        return port;
    }

    public String address()
    {
        return session.engine().advertisedAddress();
    }

    public Object attachment()
    {
        return attachment;
    }

    public void attachment(final Object value)
    {
        attachment = value;
    }

    // ------------------------------------------------------------------------------------------ negotiation

    /**
     * Takes what offer/answer agreed with this leg's phone: where to send, which payload types, whether we may send.
     * A phone that puts the call on hold this way makes the other party hear music until it resumes.
     */
    public void apply(final Negotiated agreed)
    {
        latch.expect(agreed.remoteRtp());
        negotiated = true;
        audioPt = agreed.codec().payloadType();
        alaw = "PCMA".equalsIgnoreCase(agreed.codec().name());
        telephoneEventPt = agreed.telephoneEventPt();
        sends = agreed.localDirection().sends();
        reporter.start(this::remote);
        if (peer != null)
        {
            // A browser's c= is 0.0.0.0 (ICE gives its address): only its direction can put the call on hold.
            peer.hold(HOLD_BY_PEER, secure != null ? !agreed.remoteDirection().receives() : agreed.onHold());
        }
        refresh();
    }

    public boolean negotiated()
    {
        return negotiated;
    }

    /**
     * Makes this a WebRTC leg (before the browser's first packet): ICE-lite with {@code ice}'s credentials, DTLS-SRTP
     * with the engine's certificate, the browser's certificate checked against {@code remoteFingerprint}. Media then
     * goes only to the address ICE verified, SRTP-protected, once the handshake is done; no RTCP reports are sent.
     */
    public void secure(final IceLiteAgent ice, final String remoteFingerprint)
    {
        secure = secure != null ? secure : new SecureLeg(ice, session.engine().dtls(), remoteFingerprint, rtp,
            session.engine().webRtcRefusedCounter());
    }

    /** True for a WebRTC leg whose DTLS handshake is done: SRTP flows. */
    public boolean secured()
    {
        return secure != null && secure.established();
    }

    /**
     * True for a WebRTC leg whose browser has stopped answering: its ICE consent expired (RFC 7675 §5.1: no verified
     * check for 30 s), so nothing more is sent to it and its call is dead even while it is on hold.
     */
    public boolean consentExpired()
    {
        return secure != null && secure.ice().consentExpired(session.engine().nanoTime());
    }

    /** Where media goes: the verified ICE address of a WebRTC leg, else the latched or negotiated address. */
    private InetSocketAddress destination()
    {
        return secure != null ? secure.ice().peer() : latch.remote();
    }

    /** True when DTMF can go to this phone as RFC 4733 events; otherwise the owner sends SIP INFO. */
    public boolean telephoneEvents()
    {
        return telephoneEventPt >= 0;
    }

    public InetSocketAddress remote()
    {
        return latch.remote();
    }

    // ---------------------------------------------------------------------------------------------- features

    /** Sets or clears one reason for this party to hear hold music; it hears music while any reason holds. */
    public void hold(final int reason, final boolean on)
    {
        holdReasons = on ? holdReasons | reason : holdReasons & ~reason;
        refresh();
    }

    public boolean held()
    {
        return holdReasons != 0;
    }

    public int holdReasons()
    {
        return holdReasons;
    }

    /** Mutes this party: the other one hears silence instead of it; this one still hears the other. */
    public void mute(final boolean on)
    {
        muted = on;
        if (peer != null)
        {
            peer.refresh();
        }
    }

    public boolean muted()
    {
        return muted;
    }

    /** Plays a prompt to this party (replacing any prompt playing); hold music, if held, still comes first. */
    public void play(final AudioClip clip, final boolean loop)
    {
        prompt = clip;
        promptLoops = loop;
        refresh();
    }

    public void stopPlaying()
    {
        prompt = null;
        refresh();
    }

    /**
     * Queues DTMF digits to send to this party as RFC 4733 events. Returns false, sending nothing, when the phone
     * did not negotiate telephone-event (the owner then sends SIP INFO).
     *
     * @throws IllegalArgumentException for a character that is not a DTMF key
     */
    public boolean sendDtmf(final CharSequence digits)
    {
        if (telephoneEventPt < 0)
        {
            return false;
        }
        dtmfOut.enqueue(digits);
        refresh();
        return true;
    }

    /** Re-decides what this party hears, and starts or stops the pacer to match. */
    void refresh()
    {
        final AudioClip wanted = holdReasons != 0 ? session.engine().holdMusic()
            : prompt != null ? prompt
            : peer != null && peer.muted && session.bridged() && !mixed ? session.engine().silence()
            : null;
        if (wanted != playing)
        {
            playing = wanted;
            if (wanted != null)
            {
                cursor.start(wanted, wanted != prompt || promptLoops);
            }
            else
            {
                cursor.stop();
            }
            switchSource();
        }
        if (inFrame || session.closed())
        {
            return;
        }
        if (generating())
        {
            session.pace(this);
        }
        else if (paced())
        {
            session.pacer().stop(this);
            switchSource();
        }
    }

    private boolean generating()
    {
        return playing != null || dtmfOut.active();
    }

    private void switchSource()
    {
        out.switchSource();
        talkspurt = true;
    }

    // -------------------------------------------------------------------------------------------- receiving

    /** A datagram on this leg's RTP port: plain RTP, or for a WebRTC leg whatever {@link SecureLeg} opens. */
    void onRtp(final ByteBuf packet, final InetSocketAddress sender, final long now)
    {
        if (secure == null)
        {
            onPlainRtp(packet, sender, now);
            return;
        }
        final ByteBuf plain = secure.onDatagram(packet, sender, now);
        if (plain == null)
        {
            return;
        }
        try
        {
            if (!SecureLeg.isRtcp(plain))
            {
                onPlainRtp(plain, sender, now);
            }
        }
        finally
        {
            plain.release();
        }
    }

    /** An RTP packet from this leg's phone: latch, read DTMF, relay to the other party. */
    private void onPlainRtp(final ByteBuf packet, final InetSocketAddress sender, final long now)
    {
        if (!RtpPacket.isRtp(packet) || !latch.accept(sender, now))
        {
            dropped++;
            return;
        }
        packetsIn++;
        final int pt = RtpPacket.payloadType(packet);
        final long ssrc = RtpPacket.ssrc(packet);
        if (ssrc != sourceSsrc)
        {
            // A new source (the phone restarted its stream): its events' timestamps start afresh.
            sourceSsrc = ssrc;
            dtmfIn.reset();
        }
        if (pt == telephoneEventPt)
        {
            final char digit = dtmfIn.onPacket(packet);
            if (digit != '\0')
            {
                session.listener().onDtmf(this, digit);
            }
        }
        else if (pt != audioPt)
        {
            // Comfort noise, a codec we did not agree on: nothing the other phone was promised.
            dropped++;
            return;
        }
        if (pt != telephoneEventPt && !muted)
        {
            final int offset = RtpPacket.payloadOffset(packet);
            if (offset >= 0)
            {
                session.tapAudio(this, packet, packet.readerIndex() + offset, RtpPacket.payloadLength(packet), alaw,
                    now);
            }
        }
        final Endpoint to = peer;
        if (to != null && session.bridged() && !muted)
        {
            to.relay(packet, pt == telephoneEventPt, alaw, now);
        }
    }

    /** A packet from the other party, sent on to this one with our SSRC, sequence, timestamps and codec. */
    private void relay(final ByteBuf packet, final boolean event, final boolean fromAlaw, final long now)
    {
        if (generating() || !sends || destination() == null || !negotiated || mixed && !event)
        {
            return;
        }
        if (event)
        {
            if (telephoneEventPt < 0)
            {
                return;
            }
            RtpPacket.setPayloadType(packet, telephoneEventPt);
        }
        else
        {
            // PCMA to PCMU or back, in place: both are one byte per sample, so the packet keeps its size.
            G711.convert(packet, packet.readerIndex() + RtpPacket.payloadOffset(packet),
                RtpPacket.payloadLength(packet), fromAlaw, alaw);
            RtpPacket.setPayloadType(packet, audioPt);
        }
        out.rewrite(packet, now);
        send(packet.retain());
    }

    /** Whether a supervisor's mix, rather than the relay, feeds this party; the stream re-bases on each change. */
    void mixed(final boolean on)
    {
        if (on != mixed)
        {
            mixed = on;
            switchSource();
            refresh();
        }
    }

    /** One 20 ms frame of a supervisor's mix to this party, in its codec (nothing while it hears a prompt or music). */
    void sendMix(final short[] pcm, final long now)
    {
        if (generating() || !sends || destination() == null || !negotiated)
        {
            return;
        }
        final ByteBuf packet = audioFrame(now);
        FrameMixer.encode(pcm, packet, alaw);
        out.countOctets(FRAME_SAMPLES);
        send(packet);
    }

    private void send(final ByteBuf packet)
    {
        if (secure != null)
        {
            if (secure.send(packet, session.engine().nanoTime()))
            {
                packetsOut++;
            }
            return;
        }
        packetsOut++;
        rtp.writeAndFlush(new DatagramPacket(packet, latch.remote()), rtp.voidPromise());
    }

    // ------------------------------------------------------------------------------------------- generating

    @Override
    protected boolean onFrame(final long deadline, final long now)
    {
        inFrame = true;
        try
        {
            frame(now);
        }
        finally
        {
            inFrame = false;
        }
        final boolean more = generating() && !session.closed();
        if (!more)
        {
            // Back to relaying: the next relayed packet continues our stream from here.
            switchSource();
        }
        return more;
    }

    private void frame(final long now)
    {
        final boolean canSend = sends && destination() != null && negotiated;
        if (dtmfOut.active() && canSend && sendEvent(now))
        {
            return;
        }
        if (playing == null)
        {
            return;
        }
        if (!cursor.active())
        {
            promptFinished();
            return;
        }
        if (afterEvent)
        {
            afterEvent = false;
            switchSource();
        }
        final ByteBuf packet = audioFrame(now);
        final int samples = cursor.nextFrame(packet, alaw);
        if (samples == 0 || !canSend)
        {
            // The time still passes for a party that cannot be sent to: the prompt is as far along when it can.
            packet.release();
            return;
        }
        out.countOctets(samples);
        send(packet);
    }

    /** The next 20 ms audio packet of our stream, its header written: the caller appends the payload. */
    private ByteBuf audioFrame(final long now)
    {
        final ByteBuf packet = rtp.alloc().directBuffer(RtpPacket.HEADER_LENGTH + FRAME_SAMPLES);
        out.next(packet, audioPt, talkspurt, FRAME_SAMPLES, now);
        talkspurt = false;
        return packet;
    }

    /** One RFC 4733 packet, if the sender has one for this packet time (none in the gap between digits). */
    private boolean sendEvent(final long now)
    {
        eventPayload.clear();
        final int flags = dtmfOut.tick(eventPayload);
        if ((flags & DtmfSender.PAYLOAD) == 0)
        {
            return false;
        }
        final ByteBuf packet = rtp.alloc().directBuffer(RtpPacket.HEADER_LENGTH + TelephoneEvent.PAYLOAD_LENGTH);
        if ((flags & DtmfSender.START) != 0)
        {
            out.next(packet, telephoneEventPt, true, FRAME_SAMPLES, now);
        }
        else
        {
            out.nextSameTimestamp(packet, telephoneEventPt, false);
        }
        packet.writeBytes(eventPayload);
        out.countOctets(TelephoneEvent.PAYLOAD_LENGTH);
        afterEvent = true;
        send(packet);
        return true;
    }

    private void promptFinished()
    {
        final AudioClip finished = prompt;
        prompt = null;
        playing = null;
        switchSource();
        if (finished != null)
        {
            session.listener().onPlayed(this);
        }
        inFrame = false;
        refresh();
    }

    // -------------------------------------------------------------------------------------------------- end

    void close()
    {
        reporter.stop(latch.remote());
        if (secure != null)
        {
            secure.close();
        }
        session.pacer().stop(this);
        cursor.stop();
        eventPayload.release();
        rtp.close();
        rtcp.close();
    }

    /** A report from the phone: counted, and its source is where ours go. */
    void onRtcp(final ByteBuf packet, final InetSocketAddress sender)
    {
        if (RtcpPacket.isRtcp(packet))
        {
            reporter.onReport(packet, sender);
        }
    }

    public long rtcpReceived()
    {
        return reporter.received();
    }

    /** Packets we sent the phone that its RTCP reports say were lost (the last cumulative count), 0 if none. */
    public long reportedLost()
    {
        return reporter.reportedLost();
    }

    public long packetsIn()
    {
        return packetsIn;
    }

    public long packetsOut()
    {
        return packetsOut;
    }

    public long dropped()
    {
        return dropped;
    }

    @Override
    public String toString()
    {
        final InetSocketAddress remote = latch.remote();
        return "endpoint " + port + (remote != null ? "->" + remote : "");
    }
}
