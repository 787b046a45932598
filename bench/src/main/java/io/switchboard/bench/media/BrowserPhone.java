package io.switchboard.bench.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.switchboard.media.dtls.DtlsCertificate;
import io.switchboard.media.dtls.DtlsSrtpClient;
import io.switchboard.media.dtls.HandshakeDatagrams;
import io.switchboard.media.dtls.SrtpKeys;
import io.switchboard.media.engine.Endpoint;
import io.switchboard.media.engine.MediaEngine;
import io.switchboard.media.ice.ConnectivityCheck;
import io.switchboard.media.ice.IceLiteAgent;
import io.switchboard.media.ice.StunMessage;
import io.switchboard.media.sdp.Codec;
import io.switchboard.media.sdp.LocalSession;
import io.switchboard.media.sdp.LocalWebRtc;
import io.switchboard.media.sdp.MediaDescription;
import io.switchboard.media.sdp.Negotiated;
import io.switchboard.media.sdp.OfferAnswer;
import io.switchboard.media.sdp.SdpException;
import io.switchboard.media.sdp.SdpWriter;
import io.switchboard.media.sdp.SessionDescription;
import io.switchboard.media.sdp.WebRtcTransport;
import io.switchboard.media.srtp.SrtpContext;
import io.switchboard.media.srtp.SrtpPolicy;
import org.bouncycastle.tls.DTLSClientProtocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A browser on a WebRTC leg ({@code RelayLoad --webrtc}): the phone's socket is the browser's one ICE candidate, and
 * on it the browser does what Chrome does facing our server. It offers {@code UDP/TLS/RTP/SAVPF} with its ICE
 * credentials and its certificate's fingerprint, the engine's endpoint answers as the server answers a browser
 * ({@link #answer}: ICE-lite, DTLS server, SDP answer), then the browser sends a STUN connectivity check (repeated
 * until answered), handshakes DTLS as the client ({@link DtlsSrtpClient} over {@link HandshakeDatagrams} on this
 * socket, while the generator's loop feeds it the engine's records), and from the exported keys protects every
 * packet it sends and opens every packet it receives. It repeats a consent check every {@link #CONSENT_PERIOD_NANOS}
 * (RFC 7675 §5.1; the engine sends nothing to a browser whose last check is 30 s old).
 *
 * <p>Packets are the plain phone's (same header, same payload fields, which the engine relays untouched once it has
 * opened them) plus the 10-octet tag. The send time is written before the packet is protected, so transit includes
 * the browser's own encryption; the arrival time is taken before the packet is opened. Per packet nothing is
 * allocated here beyond the pooled buffer the plain phone also takes (the SRTP code of the media module allocates
 * its own per packet, as the engine's does).
 */
final class BrowserPhone extends Phone
{
    /** A browser's consent checks come every 5 s on average (RFC 7675 §5.1: 4 to 6 s). */
    static final long CONSENT_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** What the server anchors (CallMedia.SUPPORTED). */
    private static final List<Codec> SUPPORTED = List.of(Codec.PCMU, Codec.PCMA);
    private static final int CHECK_ATTEMPTS = 10;
    private static final long CHECK_WAIT_MILLIS = 500;
    private static final int MAX_DATAGRAM = 1500;
    private static final int PACKET = HEADER + PAYLOAD;

    private final String ufrag;
    private final String password;
    private DtlsCertificate certificate;
    private String serverUfrag;
    private String serverPassword;
    private volatile HandshakeDatagrams handshake;
    private final CompletableFuture<Void> checked = new CompletableFuture<>();
    private SrtpContext sending;
    private SrtpContext receiving;
    private final byte[] out = new byte[PACKET + SrtpPolicy.RTP_OVERHEAD];
    private final ByteBuffer outView = ByteBuffer.wrap(out);
    private final byte[] in = new byte[MAX_DATAGRAM];
    private final ByteBuf opened = Unpooled.wrappedBuffer(in);
    private long consentSent;
    private long consentAnswered;
    private long unopened;

    BrowserPhone(final int id, final int peerId, final long phaseNanos)
    {
        super(id, peerId, phaseNanos);
        // RFC 8839 §5.4: ice-chars, a ufrag of 4 or more, a password of 22 or more.
        ufrag = "brws" + Integer.toString(id, 36);
        password = "BrowserPassword" + Integer.toString(id, 36) + "0123456789";
    }

    // ---------------------------------------------------------------------------------------------- set-up

    /** The browser's offer (Chrome's shape, cut to audio): it makes its certificate here, as a browser per call. */
    String offer()
    {
        certificate = DtlsCertificate.generate();
        return "v=0\r\no=- " + (1000 + id) + " 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:" + ufrag + "\r\na=ice-pwd:" + password + "\r\na=ice-options:trickle\r\n"
            + "a=fingerprint:" + certificate.fingerprint() + "\r\na=setup:actpass\r\na=mid:0\r\na=sendrecv\r\n"
            + "a=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:126 telephone-event/8000\r\n";
    }

    /**
     * The server's side, on the endpoint's loop, as {@code CallMedia.answer} does for a browser's offer: negotiate
     * (WebRTC accepted), make the endpoint a WebRTC leg with new ICE credentials and the offer's fingerprint, apply,
     * and write the SDP answer (ICE-lite, our fingerprint, setup passive, one host candidate).
     */
    static byte[] answer(final MediaEngine engine, final Endpoint endpoint, final String offerText)
        throws SdpException
    {
        final SessionDescription offer = SessionDescription.parse(offerText);
        final Negotiated agreed = OfferAnswer.answer(offer, SUPPORTED, true);
        final MediaDescription accepted = offer.media().get(agreed.audioIndex());
        final IceLiteAgent ice = IceLiteAgent.withNewCredentials();
        endpoint.secure(ice, accepted.webRtc().fingerprint());
        final LocalWebRtc ours = new LocalWebRtc(ice.ufrag(), ice.password(),
            engine.dtls().certificate().fingerprint());
        endpoint.apply(agreed);
        return SdpWriter.answer(new LocalSession(endpoint.address()), offer, agreed, endpoint.address(),
            endpoint.port(), ours);
    }

    /**
     * The browser's side once it has the answer: the STUN check, then the DTLS handshake; blocks until the SRTP keys
     * are installed on the phone's loop and its consent checks are scheduled. On a set-up thread, never a loop.
     */
    void connect(final byte[] answerSdp) throws Exception
    {
        final MediaDescription audio = SessionDescription.parse(answerSdp).media().get(0);
        final WebRtcTransport server = audio.webRtc();
        if (server == null || !audio.isWebRtc() || server.iceUfrag() == null || server.icePwd() == null)
        {
            throw new IllegalStateException("the engine's answer is not WebRTC:\n"
                + new String(answerSdp, StandardCharsets.US_ASCII));
        }
        serverUfrag = server.iceUfrag();
        serverPassword = server.icePwd();
        final Channel channel = channel();
        check(channel);
        final HandshakeDatagrams datagrams = new HandshakeDatagrams(datagram ->
            channel.writeAndFlush(Unpooled.wrappedBuffer(datagram), channel.voidPromise()));
        handshake = datagrams;
        final DtlsSrtpClient client = new DtlsSrtpClient(certificate, server.fingerprint(), true);
        try
        {
            new DTLSClientProtocol().connect(client, datagrams);
        }
        finally
        {
            handshake = null;
            datagrams.close();
        }
        final SrtpKeys keys = client.keys();
        final long firstConsent = ThreadLocalRandom.current().nextLong(CONSENT_PERIOD_NANOS / 2, CONSENT_PERIOD_NANOS);
        channel.eventLoop().submit(() ->
        {
            sending = SrtpContext.of(keys.localKey(), keys.localSalt());
            receiving = SrtpContext.of(keys.remoteKey(), keys.remoteSalt());
            channel.eventLoop().scheduleAtFixedRate(this::consent, firstConsent, CONSENT_PERIOD_NANOS,
                TimeUnit.NANOSECONDS);
        }).get(10, TimeUnit.SECONDS);
    }

    /** The connectivity check, retransmitted until the engine answers it (RFC 8445 §14: as a browser does). */
    private void check(final Channel channel) throws Exception
    {
        for (int attempt = 1; ; attempt++)
        {
            channel.writeAndFlush(Unpooled.wrappedBuffer(ConnectivityCheck.request(serverUfrag, ufrag,
                serverPassword)), channel.voidPromise());
            try
            {
                checked.get(CHECK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            catch (final TimeoutException ex)
            {
                if (attempt == CHECK_ATTEMPTS)
                {
                    throw new IllegalStateException("phone " + id + ": no answer to " + attempt + " STUN checks");
                }
            }
        }
    }

    /** A consent check (RFC 7675), on the phone's loop; its answer is counted when it comes. */
    private void consent()
    {
        final Channel channel = channel();
        if (channel.isActive())
        {
            consentSent++;
            channel.writeAndFlush(Unpooled.wrappedBuffer(ConnectivityCheck.request(serverUfrag, ufrag,
                serverPassword)), channel.voidPromise());
        }
    }

    // ------------------------------------------------------------------------------------------ per packet

    /** The plain phone's packet, built in {@link #out}, protected in place and copied into a pooled buffer. */
    @Override
    void transmit(final int seq, final boolean measured)
    {
        final SrtpContext context = sending;
        if (context == null)
        {
            return;
        }
        Arrays.fill(out, HEADER, PACKET, (byte)0xFF);
        out[0] = (byte)0x80;
        out[1] = 0;
        outView.putShort(2, (short)seq);
        outView.putInt(4, seq * PAYLOAD);
        outView.putInt(8, id);
        outView.putInt(HEADER + 8, id);
        outView.putInt(HEADER + 12, seq);
        out[HEADER + 16] = (byte)(measured ? 1 : 0);
        outView.putLong(HEADER, System.nanoTime());
        final int length = context.protectRtp(out, 0, PACKET);
        final ByteBuf packet = channel().alloc().directBuffer(length);
        packet.writeBytes(out, 0, length);
        write(packet);
    }

    /** Demultiplexed as RFC 7983 says: SRTP is opened and measured; STUN answers and DTLS records go to set-up. */
    @Override
    void onDatagram(final ByteBuf datagram, final long received)
    {
        final int length = datagram.readableBytes();
        final int first = length == 0 ? -1 : datagram.getUnsignedByte(datagram.readerIndex());
        if (first >= 128 && first <= 191)
        {
            srtp(datagram, length, received);
        }
        else if (first >= 0 && StunMessage.isStun(first))
        {
            stun(datagram, length);
        }
        else if (first >= 20 && first <= 63 && handshake != null)
        {
            final byte[] record = new byte[length];
            datagram.getBytes(datagram.readerIndex(), record);
            handshake.offer(record);
        }
        else
        {
            foreign++;
        }
    }

    private void srtp(final ByteBuf datagram, final int length, final long received)
    {
        final SrtpContext context = receiving;
        if (context == null || length > in.length)
        {
            unopened++;
            return;
        }
        datagram.getBytes(datagram.readerIndex(), in, 0, length);
        final int plain = context.unprotectRtp(in, 0, length);
        if (plain < 0)
        {
            unopened++;
            return;
        }
        opened.setIndex(0, plain);
        onPacket(opened, received);
    }

    /** A Binding success answers the first check (set-up waits for it) or a consent check; errors are foreign. */
    private void stun(final ByteBuf datagram, final int length)
    {
        final int type = length < 2 ? -1 : datagram.getUnsignedShort(datagram.readerIndex());
        if (type != StunMessage.BINDING_SUCCESS)
        {
            foreign++;
            return;
        }
        if (checked.isDone())
        {
            consentAnswered++;
        }
        else
        {
            checked.complete(null);
        }
    }

    @Override
    void addTo(final Lane.Tally tally)
    {
        super.addTo(tally);
        tally.unopened += unopened;
        tally.consentSent += consentSent;
        tally.consentAnswered += consentAnswered;
    }
}
