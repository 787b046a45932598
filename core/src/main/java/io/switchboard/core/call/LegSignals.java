package io.switchboard.core.call;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.message.Vias;
import io.switchboard.sip.transaction.ClientTransaction;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.HostPort;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.transport.Target;

import javax.sip.message.Request;

/**
 * The user-agent mechanics of a leg that every part of the call layer needs: our Via and Contact on what goes out,
 * the ACK of a 2xx, the BYE that hangs a leg up, a reply, sending through the transaction layer. One per worker.
 */
final class LegSignals
{
    private final MessageSender sender;
    private TransactionLayer layer;

    LegSignals(final MessageSender sender)
    {
        this.sender = sender;
    }

    /** The layer and the call layer refer to each other; it is set once, before any message arrives. */
    void layer(final TransactionLayer transactions)
    {
        this.layer = transactions;
    }

    TransactionLayer layer()
    {
        return layer;
    }

    HostPort localAddressFor(final Target target)
    {
        return sender.localAddressFor(target);
    }

    /** Puts our Via and (but on ACK and BYE) our Contact on a request about to go out on the leg. */
    void stamp(final Leg leg, final SIPRequest request, final String contactUser)
    {
        final var local = sender.localAddressFor(leg.target());
        Vias.push(request, local, leg.target().transport(), TransactionLayer.newBranch());
        if (!Request.ACK.equals(request.getMethod()) && !Request.BYE.equals(request.getMethod()))
        {
            request.setHeader(Messages.contact(contactUser, local, leg.target().transport()));
        }
    }

    /** A request of the leg's dialog (or its INVITE), stamped and sent; its answers come to the call layer. */
    ClientTransaction send(final Leg leg, final SIPRequest request)
    {
        return layer.sendRequest(request, leg.target());
    }

    /** Sends CANCEL for the leg's INVITE (RFC 3261 §9.1). */
    void cancel(final Leg leg)
    {
        layer.cancel(leg.inviteClient);
    }

    /** Sends BYE on a leg unless it is over already; the response needs no handling. */
    void bye(final Leg leg)
    {
        if (leg.isOver() || leg.dialog() == null)
        {
            return;
        }
        leg.transition(LegState.ENDED, "we hang up");
        if (leg.pendingAckSeq >= 0)
        {
            // A 2xx we held the ACK back for must still be acknowledged before the BYE (RFC 3261 §15).
            ack(leg, leg.pendingAckSeq, null);
            leg.pendingAckSeq = -1;
        }
        final SIPRequest bye = leg.dialog().createRequest(Request.BYE);
        stamp(leg, bye, "b2bua");
        layer.sendRequest(bye, leg.target());
    }

    /** ACK for a 2xx on a callee or relayed leg, with the body of {@code bodyFrom} if given (delayed offer). */
    void ack(final Leg leg, final long seq, final SIPRequest bodyFrom)
    {
        final SIPRequest ack = leg.dialog().createAck(seq);
        stamp(leg, ack, "b2bua");
        if (bodyFrom != null)
        {
            Messages.copyBody(bodyFrom, ack);
        }
        leg.lastAck = ack;
        layer.sendStateless(ack, leg.target());
    }

    /** A reply with a To tag of ours. */
    void reply(final ServerTransaction transaction, final int status, final String reason)
    {
        transaction.respond(Responses.withToTag(transaction.request(), status, reason, Identifiers.tag()));
    }
}
