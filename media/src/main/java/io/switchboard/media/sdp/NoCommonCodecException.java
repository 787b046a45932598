package io.switchboard.media.sdp;

/**
 * The SDP is well formed but offers or answers nothing we can use: no audio stream on plain RTP, no codec in common,
 * or the audio stream rejected. The caller answers an offer with {@code 488 Not Acceptable Here} (RFC 3264 §6).
 */
public class NoCommonCodecException extends SdpException
{
    private static final long serialVersionUID = 1L;

    public NoCommonCodecException(final String message)
    {
        super(message);
    }
}
