package io.switchboard.media.sdp;

import java.nio.charset.StandardCharsets;

/** Offers as real phones send them, and helpers. Text blocks have LF line ends; {@link #crlf} makes them proper. */
final class Sdps
{
    /** baresip 1.x: opus first, G.711 with rtpmaps, telephone-event 101 limited to 0-15. */
    static final String BARESIP = """
        v=0
        o=- 1625139390 2406285375 IN IP4 192.168.1.20
        s=-
        c=IN IP4 192.168.1.20
        t=0 0
        a=tool:baresip 1.1.0
        m=audio 10010 RTP/AVP 96 97 9 0 8 101
        b=AS:96
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 stereo=1;sprop-stereo=1
        a=rtpmap:97 G7221/32000
        a=fmtp:97 bitrate=48000
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20
        a=sendrecv
        a=label:1
        a=rtcp-rsize
        a=ssrc:2118356245 cname:6b6f5c8a-0b52-4a4e-8f3a-9d1f0b7a3c21
        """;

    /** Linphone: ICE, no rtpmap for the static types, three telephone-event rates (8000 Hz is pt 100). */
    static final String LINPHONE = """
        v=0
        o=alice 3093 1497 IN IP4 10.0.0.7
        s=Talk
        c=IN IP4 10.0.0.7
        t=0 0
        a=ice-pwd:31ec21eb38b2ec6d36e8dc7b
        a=ice-ufrag:0dbc6a3b
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:97 speex/16000
        a=fmtp:97 vbr=on
        a=rtpmap:98 speex/8000
        a=fmtp:98 vbr=on
        a=fmtp:18 annexb=yes
        a=rtpmap:101 telephone-event/48000
        a=rtpmap:99 telephone-event/16000
        a=rtpmap:100 telephone-event/8000
        a=rtcp:7079
        a=candidate:1 1 UDP 2130706303 10.0.0.7 7078 typ host
        a=candidate:1 2 UDP 2130706302 10.0.0.7 7079 typ host
        """;

    /** Zoiper / Bria style: audio then video, telephone-event at two rates, rtcp-mux. */
    static final String ZOIPER_WITH_VIDEO = """
        v=0
        o=Z 1608292844058 1 IN IP4 192.168.0.15
        s=Z
        c=IN IP4 192.168.0.15
        t=0 0
        m=audio 52768 RTP/AVP 106 9 98 101 0 8 3
        a=rtpmap:106 opus/48000/2
        a=fmtp:106 sprop-maxcapturerate=16000; minptime=20; useinbandfec=1
        a=rtpmap:98 telephone-event/48000
        a=fmtp:98 0-16
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=sendrecv
        a=rtcp-mux
        m=video 52770 RTP/AVP 99 34
        a=rtpmap:99 H264/90000
        a=fmtp:99 profile-level-id=42801F
        a=rtpmap:34 H263/90000
        a=sendrecv
        """;

    /** SIPp's uac scenario: one static type, no rtpmap. */
    static final String SIPP = """
        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6000 RTP/AVP 0
        """;

    /** A gateway preferring A-law, with DTMF events on 101. */
    static final String PCMA_TE = """
        v=0
        o=gw 100 200 IN IP4 203.0.113.5
        s=call
        c=IN IP4 203.0.113.5
        t=0 0
        m=audio 20000 RTP/AVP 8 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        """;

    private Sdps()
    {
    }

    static String crlf(final String lf)
    {
        return lf.replace("\n", "\r\n");
    }

    static SessionDescription parse(final String lf) throws SdpException
    {
        return SessionDescription.parse(crlf(lf).getBytes(StandardCharsets.US_ASCII));
    }

    /** A minimal offer with one audio line: connection, port and formats vary, plus extra lines. */
    static String audio(final String connection, final String mediaLine, final String... attributes)
    {
        final StringBuilder text = new StringBuilder("v=0\no=- 1 1 IN IP4 10.1.1.1\ns=-\n");
        text.append("c=IN ").append(connection).append("\nt=0 0\n").append(mediaLine).append('\n');
        for (final String attribute : attributes)
        {
            text.append(attribute).append('\n');
        }
        return text.toString();
    }
}
