package io.switchboard.acd;

import org.agrona.collections.Long2LongHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's listener, on the engine thread: the adapter that puts each decision onto the ring of its consumer,
 * a call's (or chat session's) decisions onto the ring of the worker that queued it, agents' state changes onto the
 * observers' ring. It keeps the call-to-worker routes, set when a call is queued and forgotten when it ends or is
 * hung up, and the session-to-worker routes apart (call and session ids are separate spaces), set when a session
 * is queued and forgotten when it ends or the engine drops it ({@link #chatNoAgent}).
 */
final class DecisionRouter implements AcdListener
{
    static final long NO_WORKER = -1;
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRouter.class);

    private final DecisionRing[] workerRings;
    private final DecisionRing observer;
    private final Long2LongHashMap owners = new Long2LongHashMap(NO_WORKER);
    private final Long2LongHashMap chatOwners = new Long2LongHashMap(NO_WORKER);
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

    /** A chat session's decisions go to {@code worker} from now on; true if the session had no route before. */
    boolean routeChat(final long sessionId, final int worker)
    {
        return chatOwners.put(sessionId, worker) == NO_WORKER;
    }

    void forgetChat(final long sessionId)
    {
        chatOwners.remove(sessionId);
    }

    /** Decisions for a call or session with no route (ended, or queued by no one): not delivered. */
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

    @Override
    public void chatOffer(final long sessionId, final int agentId, final boolean autoAccept)
    {
        final DecisionRing ring = ringOfChat(sessionId);
        if (ring != null)
        {
            ring.chatOffer(sessionId, agentId, autoAccept);
        }
    }

    @Override
    public void chatWithdraw(final long sessionId, final int agentId)
    {
        final DecisionRing ring = ringOfChat(sessionId);
        if (ring != null)
        {
            ring.chatWithdraw(sessionId, agentId);
        }
    }

    @Override
    public void chatPosition(final long sessionId, final int ahead)
    {
        final DecisionRing ring = ringOfChat(sessionId);
        if (ring != null)
        {
            ring.chatPosition(sessionId, ahead);
        }
    }

    @Override
    public void chatTransferred(final long sessionId, final int agentId)
    {
        final DecisionRing ring = ringOfChat(sessionId);
        if (ring != null)
        {
            ring.chatTransferred(sessionId, agentId);
        }
    }

    @Override
    public void chatNoAgent(final long sessionId)
    {
        final DecisionRing ring = ringOfChat(sessionId);
        if (ring != null)
        {
            ring.chatNoAgent(sessionId);
            // The engine is done with the session; the chat layer's chatEnded may follow, or may not.
            chatOwners.remove(sessionId);
        }
    }

    private DecisionRing ringOf(final long callId)
    {
        return ring(owners.get(callId), callId, "call");
    }

    private DecisionRing ringOfChat(final long sessionId)
    {
        return ring(chatOwners.get(sessionId), sessionId, "chat session");
    }

    private DecisionRing ring(final long worker, final long id, final String what)
    {
        if (worker == NO_WORKER)
        {
            unrouted.lazySet(unrouted.get() + 1);
            LOG.debug("ACD decision for unknown {} {} not delivered", what, id);
            return null;
        }
        return workerRings[(int)worker];
    }
}
