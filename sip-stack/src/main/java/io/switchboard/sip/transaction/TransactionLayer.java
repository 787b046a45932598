package io.switchboard.sip.transaction;

import javax.sip.message.Message;
import javax.sip.message.Response;
import javax.sip.message.Request;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipCounters;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.MessageSender;
import io.switchboard.sip.transport.Target;
import io.switchboard.sip.util.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transaction layer of RFC 3261 §17 with the RFC 6026 fixes, between the transport and the TU. One instance is
 * owned by one thread (a Netty event loop): every method, timer and TU callback runs on it, with no locks.
 * <ul>
 *   <li>Requests ({@link #onRequest}): the top Via is stamped ({@link ViaStamp}), then matched to a server transaction
 *   (§17.2.3, with the RFC 2543 fallback of {@link Rfc2543Match}). A retransmission is absorbed by its transaction;
 *   a new request creates one and goes to {@link TransactionUser#onRequest}. ACK and CANCEL are special: an ACK for
 *   a non-2xx is absorbed by its INVITE transaction; any other ACK is the ACK for a 2xx, which stops the 2xx
 *   retransmission of the Accepted transaction it acknowledges (found by Call-ID, CSeq number and To tag) and goes
 *   to {@link TransactionUser#onAck}; a CANCEL is answered here ({@link IncomingCancel}).</li>
 *   <li>Responses ({@link #onResponse}): matched to a client transaction by branch and CSeq method (§17.1.3). A
 *   response that matches none is counted as {@link SipCounters.Id#STRAY_RESPONSES}; if it is a 2xx to an INVITE
 *   (another fork's answer, or a retransmission after Timer M) it still goes to the TU as
 *   {@code tu.onResponse(null, response)}, so that the dialog layer can ACK it and hang up if unwanted.</li>
 *   <li>Terminated transactions leave the table at once: {@link #size()} counts the live ones.</li>
 * </ul>
 * A send failure is reported through the sender's callback; if a sender reports it synchronously, the TU may get
 * {@link TransactionUser#onTransportError} before {@link #sendRequest} returns.
 */
public final class TransactionLayer
{
    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);
    private static final AtomicLong TOKEN_COUNTER = new AtomicLong(ThreadLocalRandom.current().nextInt() & 0xFFFF);
    private static final MessageSender.SendFailureListener LOG_FAILURE = (message, target, cause) ->
        LOG.debug("stateless send to {} failed: {}", target, cause.toString());

    private final TransactionContext ctx;

    public TransactionLayer(
        final TransactionUser tu,
        final MessageSender sender,
        final TimerScheduler scheduler,
        final TimerValues timers,
        final SipCounters counters)
    {
        this.ctx = new TransactionContext(tu, sender, scheduler, timers, counters);
    }

    /** A request from the transport, parsed and stateless-validated (RFC 3261 §17.2.3). */
    public void onRequest(final Request requestMessage, final Flow flow)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        ViaStamp.stamp(request, flow);
        final String method = request.getMethod();
        if (SIPRequest.ACK.equals(method))
        {
            onAck(request, flow);
        }
        else if (SIPRequest.CANCEL.equals(method))
        {
            IncomingCancel.handle(ctx, request, flow);
        }
        else
        {
            final AbstractServerTransaction existing = ctx.table.server(request, method);
            if (existing != null)
            {
                existing.arrivedOn(flow);
                existing.onRetransmission();
            }
            else if (SIPRequest.INVITE.equals(method))
            {
                final InviteServerTransaction tx = new InviteServerTransaction(ctx, request, flow);
                ctx.table.add(tx);
                tx.start();
                ctx.tu.onRequest(tx, request);
            }
            else
            {
                final NonInviteServerTransaction tx = new NonInviteServerTransaction(ctx, request, flow);
                ctx.table.add(tx);
                ctx.tu.onRequest(tx, request);
            }
        }
    }

    /** A response from the transport (RFC 3261 §17.1.3). */
    public void onResponse(final Response responseMessage, final Flow flow)
    {
        final SIPResponse response = (SIPResponse)responseMessage;
        final Via via = response.getTopmostVia();
        final String branch = via == null ? null : via.getBranch();
        final AbstractClientTransaction tx =
            branch == null ? null : ctx.table.client(TransactionKey.client(branch, response.getCSeq().getMethod()));
        if (tx != null)
        {
            tx.onResponse(response);
            return;
        }
        ctx.counters.increment(SipCounters.Id.STRAY_RESPONSES);
        final int status = response.getStatusCode();
        if (status >= 200 && status < 300 && SIPRequest.INVITE.equals(response.getCSeq().getMethod()))
        {
            ctx.tu.onResponse(null, response);
        }
        else
        {
            LOG.debug("stray response {} {} branch {} from {}", status, response.getCSeq(), branch, flow.remote());
        }
    }

    /**
     * Sends a request in a new client transaction (RFC 3261 §17.1). The request must already carry its top Via with
     * a branch starting with {@code z9hG4bK} ({@link #newBranch()}). An ACK has no transaction: use
     * {@link #sendStateless}.
     */
    public ClientTransaction sendRequest(final Request requestMessage, final Target target)
    {
        final SIPRequest request = (SIPRequest)requestMessage;
        final String method = request.getMethod();
        final Via via = request.getTopmostVia();
        if (SIPRequest.ACK.equals(method) || via == null || !TransactionKey.hasMagicCookie(via.getBranch()))
        {
            throw new IllegalArgumentException("not a request for a client transaction: " + request.getFirstLine());
        }
        final AbstractClientTransaction tx = SIPRequest.INVITE.equals(method) ?
            new InviteClientTransaction(ctx, request, target) : new NonInviteClientTransaction(ctx, request, target);
        ctx.table.add(tx);
        tx.start();
        return tx;
    }

    /**
     * Cancels an INVITE sent by {@link #sendRequest} (RFC 3261 §9.1): builds the CANCEL and sends it in its own
     * non-INVITE client transaction, at once if a provisional response was received, else as soon as one is (and
     * never if a final response comes first). Calling again returns the same CANCEL transaction.
     *
     * @return the CANCEL transaction, or null if the INVITE already received a final response
     */
    public ClientTransaction cancel(final ClientTransaction invite)
    {
        if (!(invite instanceof InviteClientTransaction tx))
        {
            throw new IllegalArgumentException("only an INVITE client transaction can be cancelled: " + invite);
        }
        return tx.cancel();
    }

    /** Sends a message outside any transaction: the ACK for a 2xx, stateless replies. Failures are only logged. */
    public void sendStateless(final Message messageMessage, final Target target)
    {
        final SIPMessage message = (SIPMessage)messageMessage;
        ctx.sender.send(message, target, LOG_FAILURE);
    }

    /** Live (not yet terminated) client and server transactions. */
    public int size()
    {
        return ctx.table.size();
    }

    /** A new RFC 3261 branch: the magic cookie and a token unique to this process, cheap to make. */
    public static String newBranch()
    {
        return TransactionKey.MAGIC_COOKIE + randomToken();
    }

    /** A random, process-unique token for branches and tags (RFC 3261 §19.3): no UUID, no SecureRandom. */
    static String randomToken()
    {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + '.' +
            Long.toString(TOKEN_COUNTER.incrementAndGet(), 36);
    }

    private void onAck(final SIPRequest ack, final Flow flow)
    {
        final AbstractServerTransaction matched = ctx.table.server(ack, SIPRequest.INVITE);
        if (matched instanceof InviteServerTransaction invite)
        {
            if (invite.onAck())
            {
                ctx.tu.onAck(ack, flow);
            }
            return;
        }
        final InviteServerTransaction accepted = ctx.table.acceptedFor(ack);
        if (accepted != null)
        {
            accepted.onAck();
        }
        ctx.tu.onAck(ack, flow);
    }
}
