package io.switchboard.media.sdp;

import java.net.InetSocketAddress;

/**
 * The outcome of one offer/answer exchange for one leg, immutable.
 *
 * @param remoteRtp        where to send RTP, or null when the peer gave port 0 or the null address
 *                         ({@code 0.0.0.0} or {@code ::}, the RFC 2543 way of holding): then send nothing.
 * @param codec            the agreed audio codec, with the REMOTE side's payload type number (the one to put in the
 *                         RTP we send and to expect in the RTP we receive, RFC 3264 §6.1).
 * @param telephoneEventPt the agreed RFC 4733 payload type, or {@link #NO_TELEPHONE_EVENT}.
 * @param remoteDirection  the direction the peer wrote.
 * @param localDirection   the direction we take: the mirror of the peer's.
 * @param ptime            the packet time the peer asked for, {@link #DEFAULT_PTIME} ms when it did not.
 * @param audioIndex       the index of the accepted audio {@code m=} line in the peer's description.
 */
public record Negotiated(InetSocketAddress remoteRtp, Codec codec, int telephoneEventPt, Direction remoteDirection,
    Direction localDirection, int ptime, int audioIndex)
{
    public static final int NO_TELEPHONE_EVENT = -1;
    /** RFC 3551 §4.5: audio packets carry 20 ms unless told otherwise. */
    public static final int DEFAULT_PTIME = 20;

    public Negotiated
    {
        if (codec == null || remoteDirection == null || localDirection == null)
        {
            throw new IllegalArgumentException("codec and directions are required");
        }
        if (ptime <= 0 || audioIndex < 0)
        {
            throw new IllegalArgumentException("bad ptime " + ptime + " or audio index " + audioIndex);
        }
    }

    /** Whether the peer put us on hold: it will not receive (sendonly or inactive), or it gave the null address. */
    public boolean onHold()
    {
        return !remoteDirection.receives() || remoteRtp == null;
    }

    public boolean hasTelephoneEvent()
    {
        return telephoneEventPt != NO_TELEPHONE_EVENT;
    }
}
