package io.switchboard.media.sdp;

/**
 * Our side of a WebRTC leg as the SDP says it (RFC 8839, RFC 8122): ICE-lite with these credentials and one host
 * candidate (the leg's RTP address and port), and the DTLS certificate's fingerprint ({@code sha-256 AB:...}).
 */
public record LocalWebRtc(String iceUfrag, String icePwd, String fingerprint)
{
    public LocalWebRtc
    {
        if (iceUfrag == null || icePwd == null || fingerprint == null)
        {
            throw new IllegalArgumentException("ICE credentials and a fingerprint are required");
        }
    }
}
