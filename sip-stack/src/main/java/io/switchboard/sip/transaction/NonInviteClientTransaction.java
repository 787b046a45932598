package io.switchboard.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.Target;

import static io.switchboard.sip.transaction.TransactionState.COMPLETED;
import static io.switchboard.sip.transaction.TransactionState.PROCEEDING;
import static io.switchboard.sip.transaction.TransactionState.TERMINATED;
import static io.switchboard.sip.transaction.TransactionState.TRYING;

/**
 * The non-INVITE client transaction of RFC 3261 §17.1.2 (figure 6). Timer E retransmits over unreliable transports
 * only, doubling from T1 up to T2 in Trying and at T2 in Proceeding; Timer F (64*T1) times out; Timer K (T4, or 0
 * over reliable transports) absorbs response retransmissions in Completed.
 * <pre>
 *                                    |Request from TU
 *                                    |send request
 *                Timer E             V
 *                send request  +-----------+
 *                    +---------|           |-------------------+
 *                    |         |  Trying   |  Timer F          |
 *                    +-------->|           |  or Transport Err.|
 *                              +-----------+  inform TU        |
 *                 200-699         |  |                         |
 *                 resp. to TU     |  |1xx                      |
 *                 +---------------+  |resp. to TU              |
 *                 |                  |                         |
 *                 |   Timer E        V       Timer F           |
 *                 |   send req +-----------+ or Transport Err. |
 *                 |  +---------|           | inform TU         |
 *                 |  |         |Proceeding |------------------>|
 *                 |  +-------->|           |-----+             |
 *                 |            +-----------+     |1xx          |
 *                 |              |      ^        |resp to TU   |
 *                 | 200-699      |      +--------+             |
 *                 | resp. to TU  |                             |
 *                 |              V                             |
 *                 |            +-----------+                   |
 *                 |            |           |                   |
 *                 |            | Completed |                   |
 *                 |            |           |                   |
 *                 |            +-----------+                   |
 *                 |              ^   |                         |
 *                 |              |   | Timer K                 |
 *                 +--------------+   | -                       |
 *                                    |                         |
 *                                    V                         |
 *              NOTE:           +-----------+                   |
 *                              |           |                   |
 *          transitions         | Terminated|&lt;------------------+
 *          labeled with        |           |
 *          the event           +-----------+
 *          over the action
 *          to take
 * </pre>
 * A CANCEL built by {@link TransactionLayer#cancel} before any provisional response reports Trying while it waits
 * (RFC 3261 §9.1) and is only {@link #start() started} when one arrives; {@link #drop} terminates it unsent.
 */
final class NonInviteClientTransaction extends AbstractClientTransaction
{
    private long timerE;

    NonInviteClientTransaction(final TransactionContext ctx, final SIPRequest request, final Target target)
    {
        super(ctx, request, target, TRYING);
    }

    @Override
    void start()
    {
        if (!reliable)
        {
            timerE = ctx.timers.t1();
            startTimer(TransactionTimer.E, timerE);
        }
        startTimer(TransactionTimer.F, ctx.timers.timeout());
        sendRequest();
    }

    /** Terminates a deferred CANCEL that will never be sent, because the INVITE got a final response first. */
    void drop(final String reason)
    {
        transition(TERMINATED, reason);
    }

    @Override
    void onResponse(final SIPResponse response)
    {
        final boolean provisional = response.getStatusCode() < 200;
        switch (state())
        {
            case TRYING, PROCEEDING ->
            {
                if (provisional)
                {
                    provisionalReceived(response);
                    if (state() == TRYING)
                    {
                        transition(PROCEEDING, "provisional " + response.getStatusCode());
                    }
                    ctx.tu.onResponse(this, response);
                }
                else
                {
                    ctx.tu.onResponse(this, response);
                    transition(COMPLETED, "final " + response.getStatusCode());
                }
            }
            case COMPLETED -> count(SipCounters.Id.RETRANSMISSIONS_ABSORBED);
            default -> unexpected("response " + response.getStatusCode());
        }
    }

    @Override
    void onTimer(final TransactionTimer timer)
    {
        switch (timer)
        {
            case E ->
            {
                if (state() == TRYING || state() == PROCEEDING)
                {
                    timerE = state() == TRYING ? ctx.timers.nextCapped(timerE) : ctx.timers.t2();
                    count(SipCounters.Id.RETRANSMISSIONS_SENT);
                    startTimer(TransactionTimer.E, timerE);
                    sendRequest();
                }
                else
                {
                    unexpected("Timer E");
                }
            }
            case F ->
            {
                count(SipCounters.Id.TRANSACTION_TIMEOUTS);
                ctx.tu.onTimeout(this);
                transition(TERMINATED, "Timer F");
            }
            case K -> transition(TERMINATED, "Timer K");
            default -> unexpected("Timer " + timer);
        }
    }

    @Override
    void onExit(final TransactionState from, final TransactionState to)
    {
        if (to == COMPLETED)
        {
            cancelTimer(TransactionTimer.E);
            cancelTimer(TransactionTimer.F);
        }
    }

    @Override
    void onEnter(final TransactionState to, final TransactionState from)
    {
        if (to == COMPLETED)
        {
            startTimerOrTerminate(TransactionTimer.K, ctx.timers.timerK(reliable));
        }
    }
}
