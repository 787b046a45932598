package io.switchboard.core.call;

import javax.sip.message.Response;

/** Which failure of a call's forks the caller gets when they all fail (RFC 3261 §16.7 step 6). */
final class BestFailure
{
    private BestFailure()
    {
    }

    /**
     * RFC 3261 §16.7 step 6: a 6xx beats everything; otherwise the lowest class wins, and within 4xx a definite
     * answer (486 Busy, 404...) beats 408 and 480, which only say nobody answered.
     */
    static boolean better(final int candidate, final int current)
    {
        if (current == 0)
        {
            return true;
        }
        if (candidate / 100 == 6 || current / 100 == 6)
        {
            return current / 100 != 6 && candidate / 100 == 6;
        }
        if (candidate / 100 != current / 100)
        {
            return candidate / 100 < current / 100;
        }
        return vague(current) && !vague(candidate);
    }

    private static boolean vague(final int status)
    {
        return status == Response.REQUEST_TIMEOUT || status == Response.TEMPORARILY_UNAVAILABLE
            || status == Response.SERVICE_UNAVAILABLE;
    }
}
