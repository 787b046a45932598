package io.switchboard.media.sdp;

import java.util.Locale;

/**
 * What a WebRTC media section says about its transport (RFC 8839 ICE, RFC 8122 fingerprint, RFC 4145 and 5763 setup,
 * RFC 8843 BUNDLE, RFC 5761 rtcp-mux): the ICE credentials, the DTLS certificate's fingerprint and role, the
 * section's mid, whether RTCP shares the RTP port. Values at the session level apply to sections without their own
 * (Firefox writes its fingerprint there). Any field may be null when absent.
 */
public record WebRtcTransport(String iceUfrag, String icePwd, String fingerprint, String setup, String mid,
    boolean rtcpMux, boolean bundled)
{
    /** Whether a section on this protocol with these attributes can be a WebRTC leg: ICE, a fingerprint, rtcp-mux. */
    boolean complete(final String protocol)
    {
        final String upper = protocol.toUpperCase(Locale.ROOT);
        return ("UDP/TLS/RTP/SAVPF".equals(upper) || "UDP/TLS/RTP/SAVP".equals(upper)) && iceUfrag != null
            && icePwd != null && fingerprint != null && rtcpMux;
    }

    /**
     * Our {@code a=setup} in the answer (RFC 5763 §5): passive, so that we are the DTLS server, to an offer that is
     * actpass or active; null when the offerer wants to be passive itself (we do not act as the DTLS client).
     */
    public String answerSetup()
    {
        final String offered = setup == null ? "actpass" : setup.trim().toLowerCase(Locale.ROOT);
        return "actpass".equals(offered) || "active".equals(offered) ? "passive" : null;
    }
}
