package io.switchboard.acd;

import org.agrona.collections.Long2LongHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's listener, on the engine thread: the adapter that puts each decision onto the ring of its consumer,
 * a call's decisions onto the ring of the worker that queued it, agents' state changes onto the observers' ring.
 * It keeps the call-to-worker routes, set when a call is queued and forgotten when it ends or is hung up.
 */
final class DecisionRouter implements AcdListener
{
    static final long NO_WORKER = -1;
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRouter.class);

    private final DecisionRing[] workerRings;
    private final DecisionRing observer;
    private final Long2LongHashMap owners = new Long2LongHashMap(NO_WORKER);
    /** Single writer (the engine thread), read by anyone. */
    private final AtomicLong unrouted = new AtomicLong();

    DecisionRouter(final DecisionRing[] workerRings, final DecisionRing observer)
    {
        this.workerRings = workerRings;
        this.observer = observer;
    }

    /** A call's decisions go to {@code worker} from now on; true if the call had no route before. */
    boolean route(final long callId, final int worker)
    {
        return owners.put(callId, worker) == NO_WORKER;
    }

    void forget(final long callId)
    {
        owners.remove(callId);
    }

    /** Decisions for a call with no route (ended, or queued by no one): not delivered. */
    long unrouted()
    {
        return unrouted.get();
    }

    @Override
    public void offer(final long callId, final int agentId, final boolean autoAnswer)
    {
        final DecisionRing ring = ringOf(callId);
        if (ring != null)
        {
            ring.offer(callId, agentId, autoAnswer);
        }
    }

    @Override
    public void withdraw(final long callId, final int agentId)
    {
        final DecisionRing ring = ringOf(callId);
        if (ring != null)
        {
            ring.withdraw(callId, agentId);
        }
    }

    @Override
    public void position(final long callId, final int ahead)
    {
        final DecisionRing ring = ringOf(callId);
        if (ring != null)
        {
            ring.position(callId, ahead);
        }
    }

    @Override
    public void fallback(final long callId, final Fallback fallback)
    {
        final DecisionRing ring = ringOf(callId);
        if (ring != null)
        {
            ring.fallback(callId, fallback);
            if (fallback.action() == Fallback.Action.HANGUP)
            {
                // The engine is done with the call; the call layer's ended() may follow, or may not.
                owners.remove(callId);
            }
        }
    }

    @Override
    public void agentState(final int agentId, final AgentState state, final int reason)
    {
        observer.agentState(agentId, state, reason);
    }

    private DecisionRing ringOf(final long callId)
    {
        final long worker = owners.get(callId);
        if (worker == NO_WORKER)
        {
            unrouted.lazySet(unrouted.get() + 1);
            LOG.debug("ACD decision for unknown call {} not delivered", callId);
            return null;
        }
        return workerRings[(int)worker];
    }
}
