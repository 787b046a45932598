package io.switchboard.core.call;

import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.HostPort;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.transport.Target;
import io.switchboard.sip.ua.InviteUsage;
import io.switchboard.sip.ua.UserAgent;

import javax.sip.header.ContactHeader;

/**
 * What the call layer's parts ask of the worker's user agent, in terms of legs: a new leg's dialog usage, the BYE
 * that hangs a leg up (and moves it to ENDED), our Contact, a reply. The SIP mechanics themselves (Via, Contact,
 * CSeq, ACK, CANCEL) are the user agent's ({@link UserAgent}, {@link InviteUsage}). One per worker.
 */
final class LegSignals
{
    private final UserAgent ua;

    LegSignals(final MessageSender sender)
    {
        this.ua = new UserAgent(sender);
    }

    /** The layer and the call layer refer to each other; it is set once, before any message arrives. */
    void layer(final TransactionLayer transactions)
    {
        ua.layer(transactions);
    }

    TransactionLayer layer()
    {
        return ua.layer();
    }

    /** The dialog usage of a new leg towards a target (the caller's flow, a phone, a carrier). */
    InviteUsage usage(final Target target)
    {
        return new InviteUsage(ua, target);
    }

    HostPort localAddressFor(final Target target)
    {
        return ua.localAddressFor(target);
    }

    /** Our Contact on what we send the leg: {@code <sip:user@host:port;transport=x>}. */
    ContactHeader contact(final String user, final Leg leg)
    {
        return ua.contact(user, leg.target());
    }

    /** Sends CANCEL for the leg's INVITE (RFC 3261 §9.1). */
    void cancel(final Leg leg)
    {
        leg.usage().cancel();
    }

    /** Sends BYE on a leg unless it is over already; the response needs no handling. */
    void bye(final Leg leg)
    {
        if (leg.isOver() || leg.dialog() == null)
        {
            return;
        }
        leg.transition(LegState.ENDED, "we hang up");
        leg.usage().bye();
    }

    /** A reply with a To tag of ours. */
    void reply(final ServerTransaction transaction, final int status, final String reason)
    {
        ua.reply(transaction, status, reason);
    }
}
