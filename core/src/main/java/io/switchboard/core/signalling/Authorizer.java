package io.switchboard.core.signalling;

import javax.sip.message.Request;
import javax.sip.message.Response;
import io.switchboard.sip.transport.Flow;

/**
 * Decides who sent a request: a trusted peer (by source address), an extension that proved its password by digest,
 * or nobody, in which case the request gets the challenge or refusal to send back.
 */
public interface Authorizer
{
    /** The outcome: exactly one of {@code user} (null for a trusted peer) and {@code reply} is meaningful. */
    record Outcome(boolean accepted, String user, Response reply)
    {
        public static Outcome trusted()
        {
            return new Outcome(true, null, null);
        }

        public static Outcome user(final String user)
        {
            return new Outcome(true, user, null);
        }

        public static Outcome reply(final Response reply)
        {
            return new Outcome(false, null, reply);
        }
    }

    /**
     * @param request the request
     * @param flow    where it came from
     * @param proxy   true to challenge with 407/Proxy-Authenticate (INVITE), false for 401/WWW-Authenticate (REGISTER)
     */
    Outcome authorize(Request request, Flow flow, boolean proxy);
}
