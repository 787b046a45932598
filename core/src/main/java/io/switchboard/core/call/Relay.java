package io.switchboard.core.call;

import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.ServerTransaction;

/**
 * An in-dialog request relayed across the B2BUA (re-INVITE, UPDATE, INFO...): the server transaction on the leg it
 * came from and the client transaction of the copy we sent on the peer leg. Responses flow back through it.
 */
final class Relay
{
    final ServerTransaction server;
    final Leg from;
    final Leg to;
    ClientTransaction client;

    Relay(final ServerTransaction server, final Leg from, final Leg to)
    {
        this.server = server;
        this.from = from;
        this.to = to;
    }
}
