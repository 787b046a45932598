package io.switchboard.media.srtp;

/**
 * RFC 3711 §3.3.2: a sliding window of the last 64 packet indexes received; an index already seen, or older than the
 * window, is a replay. Checked before the tag and moved only after it, so a forged packet moves nothing.
 */
final class ReplayWindow
{
    private long highest = -1;
    private long seen;

    boolean fresh(final long index)
    {
        if (highest < 0 || index > highest)
        {
            return true;
        }
        final long behind = highest - index;
        return behind < 64 && (seen & 1L << behind) == 0;
    }

    void accept(final long index)
    {
        if (highest < 0)
        {
            highest = index;
            seen = 1;
        }
        else if (index > highest)
        {
            final long ahead = index - highest;
            seen = ahead >= 64 ? 1 : seen << ahead | 1;
            highest = index;
        }
        else
        {
            seen |= 1L << highest - index;
        }
    }
}
