package io.switchboard.media.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code m=} section of a parsed description (RFC 4566 §5.14), immutable. Connection address and direction
 * are already resolved: the media-level value, else the session-level one, else (for direction) sendrecv.
 */
public final class MediaDescription
{
    /** {@link #ptime()} when the section has no {@code a=ptime}. */
    public static final int NO_PTIME = -1;

    private final String media;
    private final int port;
    private final String protocol;
    private final List<String> formats;
    private final Map<Integer, Codec> rtpmaps;
    private final Map<Integer, String> fmtps;
    private final Direction direction;
    private final String connectionAddress;
    private final int ptime;
    private final WebRtcTransport webRtc;

    MediaDescription(final String media, final int port, final String protocol, final List<String> formats,
        final Map<Integer, Codec> rtpmaps, final Map<Integer, String> fmtps, final Direction direction,
        final String connectionAddress, final int ptime, final WebRtcTransport webRtc)
    {
        this.webRtc = webRtc;
        this.media = media;
        this.port = port;
        this.protocol = protocol;
        this.formats = List.copyOf(formats);
        this.rtpmaps = Map.copyOf(rtpmaps);
        this.fmtps = Map.copyOf(fmtps);
        this.direction = direction;
        this.connectionAddress = connectionAddress;
        this.ptime = ptime;
    }

    /** The media type: {@code audio}, {@code video}, {@code application}... as written. */
    public String media()
    {
        return media;
    }

    /** The RTP port; 0 means the stream is rejected or disabled (RFC 3264 §5.1). */
    public int port()
    {
        return port;
    }

    /** The transport protocol: {@code RTP/AVP}, {@code RTP/SAVP}, {@code UDP/TLS/RTP/SAVPF}... */
    public String protocol()
    {
        return protocol;
    }

    /** The formats of the {@code m=} line in order of the writer's preference: payload type numbers for RTP. */
    public List<String> formats()
    {
        return formats;
    }

    /** The resolved connection address (media level, else session level), or null when neither gives one. */
    public String connectionAddress()
    {
        return connectionAddress;
    }

    public Direction direction()
    {
        return direction;
    }

    /** The packet time asked for in ms, or {@link #NO_PTIME}. */
    public int ptime()
    {
        return ptime;
    }

    public boolean isAudio()
    {
        return "audio".equalsIgnoreCase(media);
    }

    /** Plain RTP (RTP/AVP, or RTP/AVPF which plain RTP end points interwork with): no SRTP, no DTLS. */
    /** The section's ICE, DTLS, mid and rtcp-mux attributes (with the session's where it has none). */
    public WebRtcTransport webRtc()
    {
        return webRtc;
    }

    /** Whether this is a WebRTC stream we can terminate: DTLS-SRTP over ICE with RTCP on the RTP port. */
    public boolean isWebRtc()
    {
        return webRtc.complete(protocol);
    }

    public boolean isPlainRtp()
    {
        final String upper = protocol.toUpperCase(Locale.ROOT);
        return "RTP/AVP".equals(upper) || "RTP/AVPF".equals(upper);
    }

    /**
     * The codec of a format: its {@code a=rtpmap}, else the RFC 3551 static type (phones often omit rtpmap for
     * 0 and 8).
     *
     * @return the codec with this payload type, or null for a non-numeric format or an unknown dynamic type.
     */
    public Codec codec(final String format)
    {
        final int pt = payloadType(format);
        if (pt < 0)
        {
            return null;
        }
        final Codec mapped = rtpmaps.get(pt);
        return mapped != null ? mapped : Codec.staticType(pt);
    }

    /** The known codecs of the {@code m=} line, in its order. */
    public List<Codec> codecs()
    {
        final List<Codec> codecs = new ArrayList<>(formats.size());
        for (final String format : formats)
        {
            final Codec codec = codec(format);
            if (codec != null)
            {
                codecs.add(codec);
            }
        }
        return Collections.unmodifiableList(codecs);
    }

    /** The {@code a=fmtp} parameters of a payload type, or null. */
    public String fmtp(final int payloadType)
    {
        return fmtps.get(payloadType);
    }

    static int payloadType(final String format)
    {
        if (format.isEmpty() || format.length() > 3 || !format.chars().allMatch(Character::isDigit))
        {
            return -1;
        }
        final int pt = Integer.parseInt(format);
        return pt <= 127 ? pt : -1;
    }

    @Override
    public String toString()
    {
        return "m=" + media + " " + port + " " + protocol + " " + String.join(" ", formats);
    }
}
