package io.switchboard.media.engine;

import java.net.InetSocketAddress;

/**
 * Where a plain RTP leg's media goes, by symmetric RTP (RFC 4961): to the address its SDP gave until the phone's
 * own packets arrive, then to where they come from, which behind NAT is not the address in its SDP. Once latched,
 * another source is ignored unless the latched one has gone quiet (a NAT rebinding its port mid-call). Owned by the
 * endpoint's loop.
 */
final class SymmetricRtpLatch
{
    /** A latched source silent this long may be replaced by a new one. */
    private static final long RELATCH_NANOS = 1_000_000_000L;

    private InetSocketAddress remote;
    private boolean latched;
    private long lastFromRemote;

    /** The latched source, else the negotiated address; null before either. */
    InetSocketAddress remote()
    {
        return remote;
    }

    /** A new address from SDP: send there until the phone's own packets tell better; the same one changes nothing. */
    void expect(final InetSocketAddress target)
    {
        if (target == null || !target.equals(remote))
        {
            remote = target;
            latched = false;
        }
    }

    /** Whether a packet from {@code sender} belongs to this leg; the first one latches. */
    boolean accept(final InetSocketAddress sender, final long now)
    {
        if (!latched || !sender.equals(remote) && now - lastFromRemote > RELATCH_NANOS)
        {
            remote = sender;
            latched = true;
        }
        else if (!sender.equals(remote))
        {
            return false;
        }
        lastFromRemote = now;
        return true;
    }
}
