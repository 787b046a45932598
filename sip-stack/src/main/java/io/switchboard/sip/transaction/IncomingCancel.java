package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.transport.Flow;

import java.text.ParseException;

/**
 * A CANCEL received from the network (RFC 3261 §9.2). It gets its own non-INVITE server transaction and is answered
 * by the layer, never passed to {@link TransactionUser#onRequest}:
 * <ul>
 *   <li>the INVITE server transaction it cancels (same branch and sent-by, method INVITE, §17.2.3) exists and has
 *   no final response yet: 200 to the CANCEL, then {@link TransactionUser#onCancel} so the TU answers 487;</li>
 *   <li>the INVITE was already answered with a final response: 200 to the CANCEL only;</li>
 *   <li>no such INVITE: 481 Call/Transaction Does Not Exist.</li>
 * </ul>
 * The To tag of the response is the one of the INVITE's last response when it has one (§9.2 SHOULD), otherwise new.
 */
final class IncomingCancel
{
    private static final int CALL_DOES_NOT_EXIST = 481;

    private IncomingCancel()
    {
    }

    static void handle(final TransactionContext ctx, final SIPRequest cancel, final Flow flow)
    {
        final AbstractServerTransaction retransmitted = ctx.table.server(cancel, SIPRequest.CANCEL);
        if (retransmitted != null)
        {
            retransmitted.onRetransmission();
            return;
        }
        final NonInviteServerTransaction tx = new NonInviteServerTransaction(ctx, cancel, flow);
        ctx.table.add(tx);
        final InviteServerTransaction invite = (InviteServerTransaction)ctx.table.server(cancel, SIPRequest.INVITE);
        if (invite == null)
        {
            tx.respond(response(cancel, CALL_DOES_NOT_EXIST, null));
            return;
        }
        tx.respond(response(cancel, 200, invite.lastToTag()));
        if (!invite.isAnswered())
        {
            ctx.tu.onCancel(invite, cancel);
        }
    }

    private static SIPResponse response(final SIPRequest cancel, final int status, final String inviteTag)
    {
        final SIPResponse response = cancel.createResponse(status);
        if (response.getToTag() == null)
        {
            try
            {
                response.getTo().setTag(inviteTag != null ? inviteTag : TransactionLayer.randomToken());
            }
            catch (final ParseException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return response;
    }
}
