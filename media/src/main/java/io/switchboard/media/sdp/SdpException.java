package io.switchboard.media.sdp;

/**
 * An SDP body that cannot be parsed or used. Checked, because a remote party's bad SDP is an expected input that
 * the caller must answer (typically {@code 400} or {@code 488}), never a bug of ours.
 */
public class SdpException extends Exception
{
    private static final long serialVersionUID = 1L;

    public SdpException(final String message)
    {
        super(message);
    }

    public SdpException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
