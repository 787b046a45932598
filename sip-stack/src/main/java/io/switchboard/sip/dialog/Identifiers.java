package io.switchboard.sip.dialog;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Tags and Call-IDs we generate (RFC 3261 §19.3: globally unique, at least 32 bits of randomness).
 * <p>
 * Our Call-IDs end in {@code -w<n>} where n is the index of the worker (event loop) that owns the call, so that
 * responses and requests of a B2BUA leg land on the same worker as the leg that created them, with no lookup.
 * {@link #ownerOf(String, int)} is a pure function of the Call-ID, so it also spreads foreign Call-IDs evenly.
 */
public final class Identifiers
{
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private Identifiers()
    {
    }

    /** A random token of 16 base-36 characters (about 82 bits). */
    public static String token()
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final char[] c = new char[16];
        long a = random.nextLong();
        long b = random.nextLong();
        for (int i = 0; i < 8; i++)
        {
            c[i] = ALPHABET[(int)Long.remainderUnsigned(a, 36)];
            a = Long.divideUnsigned(a, 36);
            c[8 + i] = ALPHABET[(int)Long.remainderUnsigned(b, 36)];
            b = Long.divideUnsigned(b, 36);
        }
        return new String(c);
    }

    public static String tag()
    {
        return token();
    }

    /** A Call-ID owned by the given worker. */
    public static String callId(final int worker)
    {
        return token() + "-w" + worker;
    }

    /** The worker that owns a Call-ID: ours by their suffix, foreign ones by hash. */
    public static int ownerOf(final String callId, final int workers)
    {
        final int dash = callId.lastIndexOf("-w");
        if (dash > 0 && dash + 2 < callId.length() && dash + 6 > callId.length())
        {
            int n = 0;
            for (int i = dash + 2; i < callId.length(); i++)
            {
                final char ch = callId.charAt(i);
                if (ch < '0' || ch > '9')
                {
                    return hashOwner(callId, workers);
                }
                n = n * 10 + (ch - '0');
            }
            if (n < workers)
            {
                return n;
            }
        }
        return hashOwner(callId, workers);
    }

    private static int hashOwner(final String callId, final int workers)
    {
        int h = callId.hashCode();
        h ^= h >>> 16;
        return Math.floorMod(h, workers);
    }
}
