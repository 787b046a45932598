package io.switchboard.core.signalling;

import io.switchboard.sip.message.SipMessages;
import javax.sip.message.Message;
import io.switchboard.sip.dialog.Identifiers;
import io.switchboard.sip.transport.Flow;
import io.switchboard.sip.transport.SipMessageListener;

/**
 * Hands each decoded message to the worker that owns its Call-ID, on that worker's loop: the one thread that may
 * touch the call. Messages read on the owner's own loop are handled in place, without a hop.
 */
public final class SipDispatcher implements SipMessageListener
{
    private volatile SipWorker[] workers;

    /** Starts dispatching to these workers; until then messages are dropped (the server is starting). */
    public void ready(final SipWorker[] workers)
    {
        this.workers = workers.clone();
    }

    @Override
    public void onMessage(final Message message, final Flow flow)
    {
        onMessage(message, flow, null);
    }

    @Override
    public void onMessage(final Message message, final Flow flow, final byte[] raw)
    {
        final SipWorker[] all = workers;
        if (all == null)
        {
            return;
        }
        final SipWorker worker = all[Identifiers.ownerOf(SipMessages.callId(message), all.length)];
        if (worker.loop().inEventLoop())
        {
            worker.onMessage(message, flow, raw);
        }
        else
        {
            worker.loop().execute(() -> worker.onMessage(message, flow, raw));
        }
    }
}
