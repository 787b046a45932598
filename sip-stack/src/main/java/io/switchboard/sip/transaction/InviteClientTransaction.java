package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.Target;

import static io.switchboard.sip.transaction.TransactionState.ACCEPTED;
import static io.switchboard.sip.transaction.TransactionState.CALLING;
import static io.switchboard.sip.transaction.TransactionState.COMPLETED;
import static io.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static io.switchboard.sip.transaction.TransactionState.TERMINATED;

/**
 * The INVITE client transaction of RFC 3261 §17.1.1 as updated by RFC 6026 §8.4 (the Accepted state). Timer A
 * retransmits the INVITE over unreliable transports (T1, doubling, no cap) until a response or Timer B (64*T1).
 * For 300-699 the transaction builds and sends the ACK itself ({@link HopByHopRequests#ack}) and sends it again
 * for every retransmission of the final response until Timer D (32 s, 0 over reliable transports); it keeps the ACK
 * only as the bytes sent. A 2xx goes to the TU, and so does each retransmitted 2xx in Accepted, so that the TU
 * (which sends the ACK for a 2xx, §13.2.2.4) can ACK it again; Timer M (64*T1) ends Accepted.
 * <p>
 * The TU hears of a final response before the transition to Accepted or Completed, which releases the request and
 * the userData (see {@link Transaction}): the TU still finds its userData for the first final response, and gets
 * retransmitted 2xx in Accepted with a null userData. {@link #cancel()} returns null from the moment a final
 * response arrived, also from inside that callback.
 * <pre>
 *                                |INVITE from TU
 *              Timer A fires     |INVITE sent      Timer B fires
 *              Reset A,          V                 or Transport Err.
 *              INVITE sent +-----------+           inform TU
 *                +---------|           |--------------------------+
 *                |         |  Calling  |                          |
 *                +-------->|           |-----------+              |
 * 300-699                  +-----------+ 2xx       |              |
 * ACK sent                    |  |       2xx to TU |              |
 * resp. to TU                 |  |1xx              |              |
 * +---------------------------+  |1xx to TU        |              |
 * |                              |                 |              |
 * |                1xx           V                 |              |
 * |                1xx to TU +-----------+         |              |
 * |                +---------|           |         |              |
 * |                |         |Proceeding |         |              |
 * |                +-------->|           |         |              |
 * |                          +-----------+ 2xx     |              |
 * |         300-699             |    |     2xx to TU              |
 * |         ACK sent,  +--------+    +---------------+            |
 * |         resp. to TU|                           | |            |
 * |                    |                           V V            |
 * |                    |                     +-----------+        |
 * |                    |                     |           |        |
 * |                    |                     | Accepted  |---+ 2xx|
 * |                    |                     |           |   | 2xx to TU
 * |                    |                     +-----------+<--+    |
 * |                    |                           |              |
 * |                    |                           |Timer M fires |
 * |  300-699           V                           |-             |
 * |  ACK sent    +-----------+Transport Err.       |              |
 * |  +-----------|           |Inform TU            |              |
 * |  |           | Completed |------------------+  |              |
 * |  +---------->|           |                  |  |              |
 * |              +-----------+                  |  |              |
 * |                ^   |                        |  |              |
 * +----------------+   |Timer D fires           |  |              |
 *                      |-                       |  |              |
 *                      V                        V  V              |
 *                    +-----------+                                |
 *                    |           |                                |
 *                    | Terminated|<-------------------------------+
 *                    |           |
 *                    +-----------+
 * </pre>
 * CANCEL (RFC 3261 §9.1): {@link #cancel()} builds the CANCEL once; it is sent at once in Proceeding, held in
 * Calling until the first provisional response, and dropped unsent if a final response, Timer B or a transport
 * error comes first.
 */
final class InviteClientTransaction extends AbstractClientTransaction
{
    private long timerA;
    /** The ACK for the 300-699 response, as sent; kept in Completed only. */
    private byte[] ack;
    private NonInviteClientTransaction cancel;
    /** A final response arrived: there is nothing left to cancel, even while the TU is being told. */
    private boolean finalReceived;

    InviteClientTransaction(final TransactionContext ctx, final SIPRequest request, final Target target)
    {
        super(ctx, request, target, CALLING);
    }

    @Override
    void start()
    {
        if (!reliable)
        {
            timerA = ctx.timers.t1();
            startTimer(TransactionTimer.A, timerA);
        }
        startTimer(TransactionTimer.B, ctx.timers.timeout());
        sendRequest();
    }

    /**
     * The CANCEL transaction of this INVITE, built on the first call (RFC 3261 §9.1), or null if a final response
     * was already received and there is nothing left to cancel.
     */
    ClientTransaction cancel()
    {
        if (cancel == null && !finalReceived)
        {
            if (state() == CALLING)
            {
                cancel = new NonInviteClientTransaction(ctx, HopByHopRequests.cancel(request), target);
            }
            else if (state() == PROCEEDING)
            {
                cancel = new NonInviteClientTransaction(ctx, HopByHopRequests.cancel(request), target);
                startCancel();
            }
        }
        return cancel;
    }

    @Override
    void onResponse(final SIPResponse response)
    {
        final int status = response.getStatusCode();
        switch (state())
        {
            case CALLING, PROCEEDING ->
            {
                if (status < 200)
                {
                    provisionalReceived(response);
                    if (state() == CALLING)
                    {
                        transition(PROCEEDING, "provisional " + status);
                    }
                    ctx.tu.onResponse(this, response);
                }
                else if (status < 300)
                {
                    finalReceived = true;
                    ctx.tu.onResponse(this, response);
                    transition(ACCEPTED, "2xx " + status);
                }
                else
                {
                    finalReceived = true;
                    final byte[] encodedAck = ctx.sender.encode(HopByHopRequests.ack(request, response), target);
                    ack = encodedAck;
                    ctx.tu.onResponse(this, response);
                    transition(COMPLETED, "final " + status);
                    sendEncoded(encodedAck, target);
                }
            }
            case ACCEPTED ->
            {
                if (status >= 200 && status < 300)
                {
                    ctx.tu.onResponse(this, response);
                }
                else
                {
                    unexpected("response " + status);
                }
            }
            case COMPLETED ->
            {
                if (status >= 300)
                {
                    count(SipCounters.Id.RETRANSMISSIONS_ABSORBED);
                    sendEncoded(ack, target);
                }
                else
                {
                    unexpected("response " + status);
                }
            }
            default -> unexpected("response " + status);
        }
    }

    @Override
    void onTimer(final TransactionTimer timer)
    {
        switch (timer)
        {
            case A ->
            {
                timerA *= 2;
                count(SipCounters.Id.RETRANSMISSIONS_SENT);
                startTimer(TransactionTimer.A, timerA);
                sendRequest();
            }
            case B ->
            {
                count(SipCounters.Id.TRANSACTION_TIMEOUTS);
                ctx.tu.onTimeout(this);
                transition(TERMINATED, "Timer B");
            }
            case D -> transition(TERMINATED, "Timer D");
            case M -> transition(TERMINATED, "Timer M");
            default -> unexpected("Timer " + timer);
        }
    }

    @Override
    void onExit(final TransactionState from, final TransactionState to)
    {
        if (from == CALLING)
        {
            cancelTimer(TransactionTimer.A);
            cancelTimer(TransactionTimer.B);
            if (cancel != null)
            {
                if (to == PROCEEDING)
                {
                    startCancel();
                }
                else
                {
                    cancel.drop("INVITE left Calling for " + to + " before any provisional response");
                }
            }
        }
    }

    @Override
    void onEnter(final TransactionState to, final TransactionState from)
    {
        switch (to)
        {
            case ACCEPTED -> startTimer(TransactionTimer.M, ctx.timers.timeout());
            case COMPLETED -> startTimerOrTerminate(TransactionTimer.D, ctx.timers.timerD(reliable));
            default ->
            {
            }
        }
    }

    /** The ACK bytes are only re-sent in Completed. */
    @Override
    void onRelease(final TransactionState lean)
    {
        if (lean != COMPLETED)
        {
            ack = null;
        }
    }

    /** The ACK for the 300-699 response as sent, or null: for tests of what a lingering transaction keeps. */
    byte[] ackBytes()
    {
        return ack;
    }

    private void startCancel()
    {
        ctx.table.add(cancel);
        cancel.start();
    }
}
