package io.switchboard.sip.transaction;

import javax.sip.message.Response;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.Flow;

import static io.switchboard.sip.transaction.TransactionState.ACCEPTED;
import static io.switchboard.sip.transaction.TransactionState.COMPLETED;
import static io.switchboard.sip.transaction.TransactionState.CONFIRMED;
import static io.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static io.switchboard.sip.transaction.TransactionState.TERMINATED;

/**
 * The INVITE server transaction of RFC 3261 §17.2.1 as updated by RFC 6026 §8.7 (the Accepted state).
 * <ul>
 *   <li>100 Trying is sent by the transaction if the TU has sent no response within {@link TimerValues#tryingDelay()}
 *   (200 ms by default, §17.2.1; 0 sends it at once).</li>
 *   <li>3xx-6xx: Completed, retransmitted by Timer G (T1 doubling to T2, unreliable only) until the ACK or Timer H
 *   (64*T1, reported to the TU as {@link TransactionUser#onAckTimeout}); the ACK is absorbed here (Confirmed, then
 *   Timer I: T4, 0 over reliable transports) and never reaches the TU.</li>
 *   <li>2xx: Accepted. The transaction retransmits the 2xx for the TU core (RFC 3261 §13.3.1.4) at T1, 2T1, ...
 *   capped at T2, over every transport (the ACK is end to end, so a reliable first hop does not make it reliable),
 *   until the layer hands it the ACK ({@link #onAck}); if none came by Timer L (64*T1) the TU gets
 *   {@link TransactionUser#onAckTimeout}. Accepted absorbs INVITE retransmissions (re-sending the 2xx) until
 *   Timer L.</li>
 * </ul>
 * <pre>
 *                                     |INVITE
 *                                     |pass INV to TU
 *                  INVITE             V send 100 if TU won't in 200 ms
 *                  send response+------------+
 *                      +--------|            |--------+ 101-199 from TU
 *                      |        |            |        | send response
 *                      +------->|            |<-------+
 *                               | Proceeding |
 *                               |            |--------+ Transport Err.
 *                               |            |        | Inform TU
 *                               |            |<-------+
 *                               +------------+
 *                  300-699 from TU |    |2xx from TU
 *                  send response   |    |send response
 *                   +--------------+    +------------+
 *                   |                                |
 *  INVITE           V          Timer G fires         |
 *  send response +-----------+ send response         |
 *       +--------|           |--------+              |
 *       |        |           |        |              |
 *       +------->| Completed |<-------+      INVITE  |  Transport Err.
 *                |           |               -       |  Inform TU
 *       +--------|           |----+          +-----+ |  +---+
 *       |        +-----------+    | ACK      |     v v  |   v
 *       |          ^   |          | -        |  +------------+
 *       |          |   |          |          |  |            |---+ ACK
 *       +----------+   |          |          +--|  Accepted  |   | to TU
 *       Transport Err. |          |             |            |<--+
 *       Inform TU      |          V             +------------+
 *                      |      +-----------+        |  ^     |
 *                      |      |           |        |  |     |
 *                      |      | Confirmed |        |  +-----+
 *                      |      |           |        |  2xx from TU
 *        Timer H fires |      +-----------+        |  send response
 *        -             |          |                |
 *                      |          | Timer I fires  |
 *                      |          | -              | Timer L fires
 *                      |          V                | -
 *                      |        +------------+     |
 *                      |        |            |<----+
 *                      +------->| Terminated |
 *                               |            |
 *                               +------------+
 * </pre>
 */
final class InviteServerTransaction extends AbstractServerTransaction
{
    private long timerG;
    private long retransmit2xx;
    private boolean ackReceived;
    /** Call-ID, CSeq number and To tag of the 2xx, under which the table finds this transaction for its ACK. */
    private String acceptedKey;

    InviteServerTransaction(final TransactionContext ctx, final SIPRequest request, final Flow flow)
    {
        super(ctx, request, flow, PROCEEDING);
    }

    /** Called once the transaction is in the table, before the TU sees the INVITE. */
    void start()
    {
        final long delay = ctx.timers.tryingDelay();
        if (delay == 0)
        {
            sendTrying();
        }
        else
        {
            startTimer(TransactionTimer.TRYING, delay);
        }
    }

    @Override
    public void respond(final Response responseMessage)
    {
        final SIPResponse response = (SIPResponse)responseMessage;
        final int status = response.getStatusCode();
        switch (state())
        {
            case PROCEEDING ->
            {
                cancelTimer(TransactionTimer.TRYING);
                if (status >= 200 && status < 300)
                {
                    acceptedKey = TransactionTable.dialogKey(response);
                }
                sendResponse(response);
                if (status >= 200 && state() != TERMINATED)
                {
                    transition(status < 300 ? ACCEPTED : COMPLETED, "final " + status + " from TU");
                }
            }
            case ACCEPTED ->
            {
                if (status >= 200 && status < 300)
                {
                    sendResponse(response);
                }
                else
                {
                    unexpected("response " + status + " from TU");
                }
            }
            default -> unexpected("response " + status + " from TU");
        }
    }

    /**
     * An ACK for this transaction: absorbed in Completed and Confirmed (the ACK for a non-2xx, RFC 3261 §17.2.1),
     * stops the 2xx retransmissions in Accepted.
     *
     * @return true if the ACK acknowledges a 2xx and goes to the TU
     */
    boolean onAck()
    {
        switch (state())
        {
            case COMPLETED ->
            {
                transition(CONFIRMED, "ACK");
                return false;
            }
            case CONFIRMED ->
            {
                count(SipCounters.Id.RETRANSMISSIONS_ABSORBED);
                return false;
            }
            case ACCEPTED ->
            {
                if (!ackReceived)
                {
                    ackReceived = true;
                    cancelTimer(TransactionTimer.RETRANSMIT_2XX);
                    release();
                }
                return true;
            }
            default ->
            {
                unexpected("ACK");
                return false;
            }
        }
    }

    @Override
    void onRetransmission()
    {
        if (state() == TERMINATED)
        {
            unexpected("INVITE retransmission");
        }
        else
        {
            absorbRetransmission();
        }
    }

    @Override
    void onTimer(final TransactionTimer timer)
    {
        switch (timer)
        {
            case TRYING -> sendTrying();
            case G ->
            {
                timerG = ctx.timers.nextCapped(timerG);
                count(SipCounters.Id.RETRANSMISSIONS_SENT);
                startTimer(TransactionTimer.G, timerG);
                resendLastResponse();
            }
            case RETRANSMIT_2XX ->
            {
                retransmit2xx = ctx.timers.nextCapped(retransmit2xx);
                count(SipCounters.Id.RETRANSMISSIONS_SENT);
                startTimer(TransactionTimer.RETRANSMIT_2XX, retransmit2xx);
                resendLastResponse();
            }
            case H ->
            {
                count(SipCounters.Id.TRANSACTION_TIMEOUTS);
                ctx.tu.onAckTimeout(this);
                transition(TERMINATED, "Timer H: no ACK for the final response");
            }
            case L ->
            {
                if (!ackReceived)
                {
                    count(SipCounters.Id.TRANSACTION_TIMEOUTS);
                    ctx.tu.onAckTimeout(this);
                }
                transition(TERMINATED, ackReceived ? "Timer L" : "Timer L: no ACK for the 2xx");
            }
            case I -> transition(TERMINATED, "Timer I");
            default -> unexpected("Timer " + timer);
        }
    }

    /** Timer H in Completed and Timer L in Accepted (until the ACK) still tell the TU: {@code onAckTimeout}. */
    @Override
    boolean needsUserData()
    {
        return state() == COMPLETED || state() == ACCEPTED && !ackReceived;
    }

    @Override
    void onRelease(final TransactionState lean)
    {
        super.onRelease(lean);
        if (lean == TERMINATED)
        {
            acceptedKey = null;
        }
    }

    /** The key under which {@link TransactionTable} indexes this transaction in Accepted, or null. */
    String acceptedKey()
    {
        return acceptedKey;
    }

    @Override
    void onExit(final TransactionState from, final TransactionState to)
    {
        switch (from)
        {
            case PROCEEDING -> cancelTimer(TransactionTimer.TRYING);
            case COMPLETED ->
            {
                cancelTimer(TransactionTimer.G);
                cancelTimer(TransactionTimer.H);
            }
            case ACCEPTED ->
            {
                cancelTimer(TransactionTimer.RETRANSMIT_2XX);
                cancelTimer(TransactionTimer.L);
            }
            default ->
            {
            }
        }
    }

    @Override
    void onEnter(final TransactionState to, final TransactionState from)
    {
        switch (to)
        {
            case ACCEPTED ->
            {
                ctx.table.accepted(this);
                retransmit2xx = ctx.timers.t1();
                startTimer(TransactionTimer.RETRANSMIT_2XX, retransmit2xx);
                startTimer(TransactionTimer.L, ctx.timers.timeout());
            }
            case COMPLETED ->
            {
                if (!reliable)
                {
                    timerG = ctx.timers.t1();
                    startTimer(TransactionTimer.G, timerG);
                }
                startTimer(TransactionTimer.H, ctx.timers.timeout());
            }
            case CONFIRMED -> startTimerOrTerminate(TransactionTimer.I, ctx.timers.timerI(reliable));
            default ->
            {
            }
        }
    }

    private void sendTrying()
    {
        if (state() == PROCEEDING && !hasResponded())
        {
            sendResponse(request.createResponse(100));
        }
    }
}
