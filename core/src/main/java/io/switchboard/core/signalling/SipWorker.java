package io.switchboard.core.signalling;

import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import io.netty.channel.EventLoop;
import io.switchboard.core.call.CallController;
import io.switchboard.core.trace.CallLog;
import io.switchboard.core.trace.SipTraces;
import io.switchboard.sip.message.SipMessages;
import org.slf4j.MDC;
import io.switchboard.sip.message.StatelessResponder;
import io.switchboard.sip.transaction.ResponseTarget;
import io.switchboard.sip.transaction.ViaStamp;
import io.switchboard.sip.transaction.TransactionLayer;
import io.switchboard.sip.transport.Flow;

/**
 * One SIP worker: an event loop with the transaction layer and the B2BUA it owns. Every message whose Call-ID
 * belongs to this worker is handled here, on this loop, start to end.
 */
public final class SipWorker
{
    private final int index;
    private final EventLoop loop;
    private final TransactionLayer layer;
    private final CallController calls;
    private final StatelessResponder stateless;
    private final CallProxy proxy;
    /** The SIP trace, or null when tracing is off. */
    private SipTraces trace;

    public SipWorker(final int index, final EventLoop loop, final TransactionLayer layer, final CallController calls,
        final StatelessResponder stateless)
    {
        this.index = index;
        this.loop = loop;
        this.layer = layer;
        this.calls = calls;
        this.stateless = stateless;
        this.proxy = new CallProxy(loop, calls, CallProxy.DEFAULT_CAPACITY);
    }

    public int index()
    {
        return index;
    }

    public EventLoop loop()
    {
        return loop;
    }

    /** The worker's calls; touch them only on {@link #loop()}. */
    public CallController calls()
    {
        return calls;
    }

    /** The way into this worker's calls from other threads (bounded). */
    public CallProxy proxy()
    {
        return proxy;
    }

    /** Records what this worker receives in its ring of {@code traces} (before any message arrives). */
    public void trace(final SipTraces traces)
    {
        this.trace = traces;
        calls.trace(traces.ring(index));
    }

    public TransactionLayer layer()
    {
        return layer;
    }

    /** Entry for every message owned by this worker; runs on {@link #loop()}. */
    public void onMessage(final Message message, final Flow flow)
    {
        onMessage(message, flow, null);
    }

    /**
     * As {@link #onMessage(Message, Flow)}, with the bytes it was parsed from, recorded in the worker's SIP trace
     * (when on). Every log line written while the message is handled carries its call (the MDC's {@code call}: the
     * call's id once the call layer knows it, else the message's Call-ID).
     */
    public void onMessage(final Message message, final Flow flow, final byte[] raw)
    {
        final String callId = SipMessages.callId(message);
        if (raw != null && trace != null && flow != null)
        {
            trace.received(index, flow, raw);
        }
        MDC.put(CallLog.KEY, calls.logName(callId));
        try
        {
            handle(message, flow);
        }
        finally
        {
            MDC.remove(CallLog.KEY);
        }
    }

    private void handle(final Message message, final Flow flow)
    {
        if (message instanceof Request request)
        {
            // received/rport first: a stateless answer goes where RFC 3261 §18.2.2 says, never to the sent-by host
            ViaStamp.stamp(request, flow);
            final Response refusal = stateless.check(request);
            if (refusal != null)
            {
                layer.sendStateless(refusal, ResponseTarget.of(refusal, flow));
                return;
            }
            layer.onRequest(request, flow);
        }
        else
        {
            layer.onResponse((Response)message, flow);
        }
    }
}
