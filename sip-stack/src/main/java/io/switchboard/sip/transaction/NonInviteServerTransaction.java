package io.switchboard.sip.transaction;

import javax.sip.message.Response;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.transport.Flow;

import static io.switchboard.sip.transaction.TransactionState.COMPLETED;
import static io.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static io.switchboard.sip.transaction.TransactionState.TERMINATED;
import static io.switchboard.sip.transaction.TransactionState.TRYING;

/**
 * The non-INVITE server transaction of RFC 3261 §17.2.2 (figure 8). Retransmitted requests are absorbed: nothing is
 * sent in Trying, the last provisional in Proceeding, the final response in Completed. Timer J (64*T1, 0 over
 * reliable transports) ends Completed.
 * <pre>
 *                                   |Request received
 *                                   |pass to TU
 *                                   V
 *                             +-----------+
 *                             |           |
 *                             | Trying    |-------------+
 *                             |           |             |
 *                             +-----------+             |200-699 from TU
 *                                   |                   |send response
 *                                   |1xx from TU        |
 *                                   |send response      |
 *                                   |                   |
 *                Request            V      1xx from TU  |
 *                send response+-----------+send response|
 *                    +--------|           |--------+    |
 *                    |        | Proceeding|        |    |
 *                    +------->|           |<-------+    |
 *             +<--------------|           |             |
 *             |Trnsprt Err    +-----------+             |
 *             |Inform TU            |                   |
 *             |                     |                   |
 *             |                     |200-699 from TU    |
 *             |                     |send response      |
 *             |  Request            V                   |
 *             |  send response+-----------+             |
 *             |      +--------|           |             |
 *             |      |        | Completed |<------------+
 *             |      +------->|           |
 *             +<--------------|           |
 *             |Trnsprt Err    +-----------+
 *             |Inform TU            |
 *             |                     |Timer J fires
 *             |                     |-
 *             |                     |
 *             |                     V
 *             |               +-----------+
 *             |               |           |
 *             +-------------->| Terminated|
 *                             |           |
 *                             +-----------+
 * </pre>
 */
final class NonInviteServerTransaction extends AbstractServerTransaction
{
    NonInviteServerTransaction(final TransactionContext ctx, final SIPRequest request, final Flow flow)
    {
        super(ctx, request, flow, TRYING);
    }

    @Override
    public void respond(final Response responseMessage)
    {
        final SIPResponse response = (SIPResponse)responseMessage;
        switch (state())
        {
            case TRYING, PROCEEDING ->
            {
                if (isProvisional(response))
                {
                    if (state() == TRYING)
                    {
                        transition(PROCEEDING, "provisional " + response.getStatusCode() + " from TU");
                    }
                    sendResponse(response);
                }
                else
                {
                    sendResponse(response);
                    if (state() != TERMINATED)
                    {
                        transition(COMPLETED, "final " + response.getStatusCode() + " from TU");
                    }
                }
            }
            default -> unexpected("response " + response.getStatusCode() + " from TU");
        }
    }

    @Override
    void onRetransmission()
    {
        switch (state())
        {
            case TRYING, PROCEEDING, COMPLETED -> absorbRetransmission();
            default -> unexpected("request retransmission");
        }
    }

    @Override
    void onTimer(final TransactionTimer timer)
    {
        if (timer == TransactionTimer.J && state() == COMPLETED)
        {
            transition(TERMINATED, "Timer J");
        }
        else
        {
            unexpected("Timer " + timer);
        }
    }

    @Override
    void onExit(final TransactionState from, final TransactionState to)
    {
    }

    @Override
    void onEnter(final TransactionState to, final TransactionState from)
    {
        if (to == COMPLETED)
        {
            startTimerOrTerminate(TransactionTimer.J, ctx.timers.timerJ(reliable));
        }
    }
}
